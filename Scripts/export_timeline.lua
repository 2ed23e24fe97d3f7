#!/usr/bin/env -S aikit script
-- Each chip's export status for a destination over time, derived from the rules as data.
--   aikit script Scripts/export_timeline.lua [DESTINATION] [--from 2022-01-01] [--exported-from US]
local destination, from, exported_from = "China", "2022-01-01", "US"
local i = 1
while i <= #arg do
  if arg[i] == "--from" then from = arg[i + 1] i = i + 2
  elseif arg[i] == "--exported-from" then exported_from = arg[i + 1] i = i + 2
  else destination = arg[i] i = i + 1 end
end

local chips = { "A100", "A800", "H100", "H800", "H20", "H200", "B200", "L40S", "RTX 4090", "RTX 4090D", "MI300X",
  "Ascend 910C" }
print(("Export status for %s over time (exports from %s), from %s:"):format(destination, exported_from, from))
for _, chip in ipairs(chips) do
  local periods = compliance.timeline{ chip = chip, destination = destination, from = from, exported_from = exported_from }
  print()
  print(chip)
  for _, p in ipairs(periods) do
    local what = p.license_required and ("licence required, " .. (p.policy or "policy not stated")) or p.status
    print(("  %s → %-10s %-8s %s%s"):format(p.from, p.to or "", p.eccn or "—", what,
      p.rule and ("  [" .. p.rule .. "]") or ""))
  end
end
