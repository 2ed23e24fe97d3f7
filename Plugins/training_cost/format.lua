-- Number formatting for the training_cost plugin (loaded with require "training_cost.format").
local M = {}

function M.human(x)
  for _, unit in ipairs({ { 1e12, "T" }, { 1e9, "B" }, { 1e6, "M" }, { 1e3, "K" } }) do
    if math.abs(x) >= unit[1] then return ("%.3g%s"):format(x / unit[1], unit[2]) end
  end
  return ("%.3g"):format(x)
end

function M.summary(r)
  local lines = {
    ("%s on %s: %s GPU-hours, $%s at $%g/GPU-hour"):format(r.model, r.gpu, M.human(r.gpu_hours), M.human(r.cost_usd),
      r.price_per_gpu_hour),
  }
  if r.days then lines[#lines + 1] = ("%.1f days on %d GPUs"):format(r.days, r.gpus) end
  return table.concat(lines, "\n")
end

return M
