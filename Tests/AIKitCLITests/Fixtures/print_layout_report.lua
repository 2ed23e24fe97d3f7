-- A report that tests print layout: a caption pushed to the foot of page 1 by filler with a long table after it
-- (the caption must move with its table), a table of dated rows (dates must not wrap), and a frame of 16 numeric
-- columns too wide for a portrait page (it must print whole, on a landscape page). Writes arg[1] (HTML), arg[2] (PDF).
local blocks = {}
local function add(block) blocks[#blocks + 1] = block end
add{ heading = "Filler" }
for i = 1, 11 do
  add{ text = ("Paragraph %d of filler text, long enough to take two lines on an A4 page printed at the report's body size, "
    .. "so that the caption below lands near the foot of the first page."):format(i) }
end
add{ text = "CAPTION-OF-THE-DATED-TABLE: daily rows with dates that must not wrap." }
local times, values, notes = {}, {}, {}
for i = 1, 40 do
  times[i] = os.date("!%Y-%m-%d", 1735689600 + 86400 * i)
  values[i] = i * 1.5
  notes[i] = ("a note long enough to need wrapping in a narrow column, row %d"):format(i)
end
add{ frame = market.frame{ time = times, value = values, note = notes } }
local wide = {}
for c = 1, 16 do
  local column = {}
  for r = 1, 5 do column[r] = c * 1000.123 + r end
  wide[("column_%02d"):format(c)] = column
end
add{ heading = "A wide table" }
add{ frame = market.frame(wide) }
chart.report{ title = "Print layout", path = arg[1], pdf = arg[2], blocks = blocks }
