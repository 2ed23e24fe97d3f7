#!/usr/bin/env -S aikit script
-- What would a 671B-parameter MoE (DeepSeek-V3's architecture, 14.8T tokens) cost on other chips and at other prices?
--   aikit script Scripts/cost_whatif.lua [--mfu 0.39] [--gpus 2048]
local mfu, gpus = 0.39, 2048
local function bad(option, what, value)
  io.stderr:write(("cost_whatif.lua: %s must be %s, got %s\n"):format(option, what,
    value and ("'" .. value .. "'") or "nothing"))
  os.exit(2)
end
for i = 1, #arg, 2 do
  local value = arg[i + 1]
  if arg[i] == "--mfu" then
    mfu = tonumber(value or "")
    if not (mfu and mfu > 0 and mfu <= 1) then bad("--mfu", "a fraction above 0 and at most 1", value) end
  elseif arg[i] == "--gpus" then
    gpus = math.tointeger(tonumber(value or ""))
    if not (gpus and gpus >= 1) then bad("--gpus", "a whole number of GPUs (1 or more)", value) end
  else io.stderr:write("cost_whatif.lua: unknown option ", arg[i], "\n") os.exit(2) end
end

local chips = { "H800", "H100", "H20", "H200", "B200", "Ascend 910C" }
local prices = { 2, 3, 5, 10 }
local sweep = cost.sweep{ model = "DeepSeek-V3", tokens = 14.8e12, gpu = chips, gpus = { gpus }, mfu = { mfu },
  price = prices }
print(("DeepSeek-V3 architecture, 14.8T tokens, %.3g FLOPs (BF16 peak, MFU %.0f%%, %d GPUs):"):format(sweep.flops,
  mfu * 100, gpus))
local header = ("  %-12s %12s %8s"):format("chip", "GPU-hours", "days")
for _, p in ipairs(prices) do header = header .. ("%12s"):format(("$%g/h"):format(p)) end
print(header)
for row = 1, sweep.n, #prices do
  local line = ("  %-12s %11.2fM %8.1f"):format(sweep.gpu[row], sweep.gpu_hours[row] / 1e6, sweep.days[row])
  for k = 0, #prices - 1 do line = line .. ("%11.2fM"):format(sweep.cost_usd[row + k] / 1e6) end
  print(line)
end
for _, chip in ipairs(chips) do
  local g = cost.gpu(chip)
  local f = g.figures.bf16_tflops
  if f and f.evidence == "E" then print(("  note: %s's BF16 peak is an estimate (%s)"):format(g.name, f.note or f.source)) end
end
