-- A chip × date export-status matrix for one destination, from the compliance engine.
--   aikit export-matrix [DESTINATION] [DATE ...]
--   plugins.export_matrix["export-matrix"]("China", "2023-11-20")      -- from a script or the REPL
local default_chips = { "A100", "A800", "H100", "H800", "H20", "H200", "B200", "RTX 4090" }
local default_dates = { "2022-11-01", "2023-11-20", "2025-04-20", "2026-02-01" }

local function cell(r)
  if not r.license_required then return r.controlled and "no licence" or "not controlled" end
  if r.status == "letter" then return "licence (letter)" end
  return "licence: " .. (r.policy or "?")
end

return aikit.plugin{
  name = "export_matrix",
  version = "1.0",
  description = "Export status of AI chips for one destination over time (US rules, exports from the US).",
  requires = { aikit = ">=0.1" },
  commands = {
    ["export-matrix"] = {
      help = "chip × date licence status: export-matrix [DESTINATION] [DATE...]",
      run = function(args)
        local destination = args[1] or "China"
        local dates = #args > 1 and { table.unpack(args, 2) } or default_dates
        local rows = {}
        io.write(("%-10s"):format("chip"))
        for _, d in ipairs(dates) do io.write(("%-32s"):format(d)) end
        io.write("\n")
        for _, chip in ipairs(default_chips) do
          io.write(("%-10s"):format(chip))
          local row = { chip = chip }
          for _, d in ipairs(dates) do
            local r = compliance.check{ chip = chip, destination = destination, date = d, exported_from = "US" }
            row[d] = cell(r)
            io.write(("%-32s"):format(row[d]))
          end
          io.write("\n")
          rows[#rows + 1] = row
        end
        return rows
      end,
    },
  },
}
