-- Charts laid out under pressure, for the browser layout test: crowded dates, long names and titles, markers at the
-- edge and side by side, negative bars with long value labels, intervals across zero, a legend that wraps, column
-- headers too wide for their cells, narrow charts. Writes the report to arg[1] (and a PDF to arg[2] when given).
local dates = {}
for i = 1, 60 do dates[i] = os.date("!%Y-%m-%d", 1735689600 + 86400 * i) end
local function wave(phase, scale)
  local values = {}
  for i = 1, #dates do values[i] = 100 + scale * math.sin(i / 5 + phase) end
  return values
end
local blocks = {}
local function add(svg, csv) blocks[#blocks + 1] = { svg = svg, csv = csv } end

add(chart.line{ title = "Sixty trading days of made-up prices with a title long enough that it has to shrink or be cut",
  x = dates, series = { { name = "A very long series name that cannot fit the legend", values = wave(0, 10) },
    { name = "B", values = wave(1, 30) }, { name = "C", values = wave(2, 1e5) } },
  markers = { { x = dates[30], label = "first event" }, { x = dates[31], label = "second event, next day" },
    { x = dates[60], label = "an event on the last day" } }, y_label = "price", x_label = "trading day" })
add(chart.line{ title = "Narrow", x = dates, series = { { name = "A", values = wave(0, 1) } }, width = 320, height = 260 })
add(chart.bar{ title = "Negative bars with long labels and units",
  labels = { "A category whose name is much too long for a label column", "Short", "Another quite long category name" },
  values = { -123456.789, 42.5, -0.004 }, unit = " widgets per year", prefix = "≈" })
add(chart.bar{ title = "Intervals across zero", labels = { "x", "y", "z", "w" }, values = { -2, 0.5, 3, -0.1 },
  low = { -5, -1, 1, false }, high = { 1, 2, 6, false }, unit = "%", subtitle = "Whiskers: a made-up interval" })
add(chart.bar{ title = "Highlighted", labels = { "ours", "theirs" }, values = { 2.788e6, 30.84e6 }, highlight = { "ours" },
  unit = " GPU-h", width = 360 })
add(chart.stacked{ title = "Many segments", labels = { "cost", "revenue", "a third bar with a longer label" },
  segments = { { name = "segment one", values = { 10, 0, 3 } }, { name = "segment two with a longer name", values = { 0, 5, 3 } },
    { name = "three", values = { 0, 7, 1 } }, { name = "four", values = { 1, 1, 1 } }, { name = "five", values = { 2, 0, 9 } },
    { name = "six and more words", values = { 0, 3, 0 } } }, prefix = "$", width = 480 })
local columns, cells = {}, { {}, {} }
for i = 1, 12 do
  columns[i] = "2025-01-" .. string.format("%02d", i) .. " (a long column)"
  cells[1][i] = i % 3 == 0 and "licence: denial" or "free"
  cells[2][i] = i % 2 == 0 and "licence: case-by-case" or "no licence"
end
add(chart.heatmap{ title = "Wide headers", rows = { "first row", "second row" }, columns = columns, cells = cells })
chart.report{ title = "Crowded charts", path = arg[1], pdf = arg[2], paper = arg[3], blocks = blocks }
