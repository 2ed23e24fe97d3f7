#!/usr/bin/env -S aikit script
-- The DeepSeek shock, 2025-01-27: how AI-related stocks, ETFs and indexes moved, with a market-model event study
-- against SPY. Runs on the bundled sample (Scripts/data/deepseek-window, see its SOURCES.md).
--
--   aikit script Scripts/analysis.lua [--event 2025-01-27] [--symbols NVDA,AVGO,TSM] [--window -1,3] [--html FILE]
--
-- Plain Lua over the CSV files for now; the market-data engine (market.*) will take over the loading and analytics.

local options = { event = "2025-01-27", window = "-1,3", html = false,
  symbols = "NVDA,AVGO,TSM,AMD,MU,ASML,SMCI,ORCL,MSFT,GOOGL,META,AMZN,VST,CEG,SMH,SOXX,QQQ,^IXIC,^SOX,^GSPC" }
do
  local i = 1
  while i <= #arg do
    local name = arg[i]:match("^%-%-(%w+)$")
    if not name or options[name] == nil or arg[i + 1] == nil then
      io.stderr:write(("analysis.lua: unknown or incomplete option '%s' (argument #%d)\n"):format(arg[i], i),
        "usage: aikit script Scripts/analysis.lua [--event YYYY-MM-DD] [--symbols A,B,C] [--window FROM,TO] [--html FILE]\n")
      os.exit(2)
    end
    options[name] = arg[i + 1]
    i = i + 2
  end
end

-- Everything printed is also kept for the HTML report (--html).
local report_lines = {}
local print_line = print
local function print(...)
  local parts = table.pack(...)
  for i = 1, parts.n do parts[i] = tostring(parts[i]) end
  local line = table.concat(parts, "\t")
  report_lines[#report_lines + 1] = line
  print_line(line)
end

local here = (arg[0]:match("^(.*)/[^/]*$") or ".")
local data = here .. "/data/deepseek-window/"

--- Reads a `Date,Open,High,Low,Close,Volume` file into { dates = {...}, close = {...} }.
local function load_closes(symbol)
  local path = data .. symbol .. ".csv"
  local file, err = io.open(path)
  if not file then error(("no data for %s: %s"):format(symbol, err), 0) end
  local series = { dates = {}, close = {}, by_date = {} }
  local line_number = 0
  for line in file:lines() do
    line_number = line_number + 1
    if line_number > 1 and line ~= "" then
      local date, close = line:match("^(%d%d%d%d%-%d%d%-%d%d),[^,]*,[^,]*,[^,]*,([^,]+)")
      close = tonumber(close)
      if not date or not close then
        file:close()
        error(("%s:%d: expected Date,Open,High,Low,Close,Volume with a numeric Close"):format(path, line_number), 0)
      end
      series.dates[#series.dates + 1] = date
      series.close[#series.close + 1] = close
      series.by_date[date] = #series.dates
    end
  end
  file:close()
  return series
end

--- Simple daily returns aligned with dates (nil on the first day).
local function returns(series)
  local r = {}
  for i = 2, #series.close do r[i] = series.close[i] / series.close[i - 1] - 1 end
  return r
end

--- Ordinary least squares of y on x over the index range: intercept, slope.
local function ols(x, y, from, to)
  local n, sx, sy, sxx, sxy = 0, 0, 0, 0, 0
  for i = from, to do
    if x[i] and y[i] then
      n, sx, sy = n + 1, sx + x[i], sy + y[i]
      sxx, sxy = sxx + x[i] * x[i], sxy + x[i] * y[i]
    end
  end
  local slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
  return (sy - slope * sx) / n, slope, n
end

local market = load_closes("SPY")
local market_returns = returns(market)
local event_index = market.by_date[options.event]
if not event_index then
  io.stderr:write(("analysis.lua: %s is not a trading day in the sample (%s..%s)\n")
    :format(options.event, market.dates[1], market.dates[#market.dates]))
  os.exit(2)
end
local from, to = options.window:match("^(%-?%d+),(%-?%d+)$")
from, to = tonumber(from), tonumber(to)
assert(from and to and from <= to, "--window must be FROM,TO trading days around the event, e.g. -1,3")
local estimation_end = event_index + from - 1   -- the estimation window ends before the event window starts
assert(estimation_end >= 10, "not enough trading days before the event window to estimate the market model")

local rows = {}
for symbol in options.symbols:gmatch("[^,]+") do
  local series = load_closes(symbol)
  local r = returns(series)
  local i = series.by_date[options.event]
  if not i or series.dates[i] ~= market.dates[event_index] then
    error(("%s: dates do not line up with SPY on %s"):format(symbol, options.event), 0)
  end
  local alpha, beta = ols(market_returns, r, 2, estimation_end)
  local car = 0
  for k = event_index + from, math.min(event_index + to, #market.dates) do
    car = car + (r[k] - (alpha + beta * market_returns[k]))
  end
  local ar = r[i] - (alpha + beta * market_returns[i])
  rows[#rows + 1] = { symbol = symbol, day = r[i], beta = beta, ar = ar, car = car }
end
table.sort(rows, function(a, b) return a.day < b.day end)

local function pct(x) return ("%+.2f%%"):format(100 * x) end
print(("The DeepSeek shock: returns on %s, market model vs SPY (estimated %s..%s), CAR over [%d,%+d]")
  :format(options.event, market.dates[2], market.dates[estimation_end], from, to))
print(("SPY that day: %s"):format(pct(market_returns[event_index])))
print()
print(("%-7s %9s %6s %9s %9s"):format("symbol", "return", "beta", "abnormal", "CAR"))
for _, row in ipairs(rows) do
  print(("%-7s %9s %6.2f %9s %9s"):format(row.symbol, pct(row.day), row.beta, pct(row.ar), pct(row.car)))
end

-- Sector performance that day, from the Select Sector SPDR ETFs (an ETF proxy, not S&P sector indexes).
local sectors = { XLK = "Information Technology", XLC = "Communication Services", XLY = "Consumer Discretionary",
  XLP = "Consumer Staples", XLE = "Energy", XLF = "Financials", XLV = "Health Care", XLI = "Industrials",
  XLB = "Materials", XLRE = "Real Estate", XLU = "Utilities" }
local moves = {}
for etf, name in pairs(sectors) do
  local series = load_closes(etf)
  local i = series.by_date[options.event]
  moves[#moves + 1] = { etf = etf, name = name, change = series.close[i] / series.close[i - 1] - 1 }
end
table.sort(moves, function(a, b) return a.change < b.change end)
print()
print("Sector moves that day (SPDR sector ETFs as a proxy):")
for _, m in ipairs(moves) do
  local width = math.floor(math.abs(m.change) * 400 + 0.5)
  print(("  %-24s %-5s %7s %s"):format(m.name, m.etf, pct(m.change), (m.change < 0 and "-" or "+"):rep(width)))
end

-- What DeepSeek-V3 cost to train, against Llama 3.1 405B, derived by the cost model from the published inputs
-- (GPU-hours reported by each lab; FLOPs from the architectures; MFU implied against the BF16 peak).
local v3 = cost.training{ model = "DeepSeek-V3", gpu = "H800", gpus = 2048, price_per_gpu_hour = 2,
  pp = 16, ep = 64, zero = 1,
  stages = { { name = "pre-training", tokens = 14.8e12, gpu_hours = 2664e3 },
             { name = "context extension", gpu_hours = 119e3 },
             { name = "post-training", gpu_hours = 5e3 } } }
local llama = cost.training{ model = "Llama 3.1 405B", gpu = "H100", tokens = 15.6e12, flops_method = "6nd",
  gpu_hours = 30.84e6, price_per_gpu_hour = 2 }
print()
print("Training cost (GPU-hours as reported; FLOPs and MFU derived; both priced at $2/GPU-hour):")
print(("  %-16s %-9s %12s %10s %10s %12s"):format("model", "gpu", "GPU-hours", "cost", "FLOPs", "implied MFU"))
for _, r in ipairs({ v3, llama }) do
  print(("  %-16s %-9s %11.3fM %9.2fM %10.2e %11.1f%%"):format(r.model, r.gpu, r.gpu_hours / 1e6, r.cost_usd / 1e6,
    r.flops, 100 * r.mfu))
end
print(("  DeepSeek-V3 used %.1fx fewer GPU-hours than Llama 3.1 405B for %.1fx fewer FLOPs.")
  :format(llama.gpu_hours / v3.gpu_hours, llama.flops / v3.flops))

-- DeepSeek's published serving day (V3/R1, 24 h from 2025-02-27): cost, theoretical revenue and margin.
local day = cost.inference{ model = "DeepSeek-R1", gpu = "H800", precision = "fp8", context = 4989,
  price_per_gpu_hour = 2, prefill_tokens_per_s_per_node = 73.7e3, decode_tokens_per_s_per_node = 14.8e3,
  input_tokens = 608e9, output_tokens = 168e9, cache_hit = 342 / 608, nodes = 226.75,
  prices = { input_cache_hit = 0.14, input_cache_miss = 0.55, output = 2.19 } }
print()
print(("Serving day: %.1f nodes needed for the traffic (%.2f deployed), cost $%.0f, revenue $%.0f at R1 prices, margin %.0f%%")
  :format(day.required_nodes, day.nodes, day.cost_usd, day.revenue_usd, 100 * day.margin))

-- Which chips could ship to China, and when: each cell derived by the compliance engine from the rules as data.
local chips = { "A100", "A800", "H100", "H800", "H20", "H200", "B200", "RTX 4090" }
local dates = { "2022-11-01", "2023-11-20", "2025-04-20", "2026-02-01" }
local function cell(r)
  if not r.license_required then return r.controlled and "no licence" or "free" end
  if r.status == "letter" then return "licence (letter)" end
  return "licence: " .. (r.policy == "case-by-case" and "case-by-case" or "denial")
end
print()
print("Export status for China (exports from the US; " .. "licence = licence required, denial = presumption of denial):")
local header = ("  %-9s"):format("chip")
for _, d in ipairs(dates) do header = header .. ("%-22s"):format(d) end
print(header)
for _, chip in ipairs(chips) do
  local line = ("  %-9s"):format(chip)
  for _, d in ipairs(dates) do
    line = line .. ("%-22s"):format(cell(compliance.check{ chip = chip, destination = "China", date = d,
      exported_from = "US" }))
  end
  print(line)
end

-- The HTML report: price paths rebased to 100 on the day before the event, sector bars, the export matrix.
if options.html then
  local symbols = { "NVDA", "AVGO", "TSM", "VST", "CEG", "QQQ", "SPY" }
  local first = math.max(1, event_index - 10)
  local last = math.min(#market.dates, event_index + 10)
  local x, series = {}, {}
  for k = first, last do x[#x + 1] = market.dates[k] end
  for _, symbol in ipairs(symbols) do
    local s = load_closes(symbol)
    local base = s.close[event_index - 1]
    local values = {}
    for k = first, last do values[#values + 1] = 100 * s.close[k] / base end
    series[#series + 1] = { name = symbol, values = values }
  end
  local paths = chart.line{ title = "Prices rebased to 100 on " .. market.dates[event_index - 1], x = x,
    series = series, markers = { { x = options.event, label = "DeepSeek shock" } }, y_label = "index (100 = day before)" }
  local labels, values = {}, {}
  for _, m in ipairs(moves) do labels[#labels + 1] = m.name .. " (" .. m.etf .. ")" values[#values + 1] = 100 * m.change end
  local bars = chart.bar{ title = "Sector moves on " .. options.event .. " (SPDR sector ETFs, a proxy)", labels = labels,
    values = values, unit = "%" }
  local cells = {}
  for _, chip in ipairs(chips) do
    local row = {}
    for _, d in ipairs(dates) do
      row[#row + 1] = cell(compliance.check{ chip = chip, destination = "China", date = d, exported_from = "US" })
    end
    cells[#cells + 1] = row
  end
  local matrix = chart.heatmap{ title = "Export status for China (exports from the US)", rows = chips, columns = dates,
    cells = cells, colors = { ["free"] = "#009E73", ["no licence"] = "#56B4E9", ["licence: denial"] = "#D55E00",
      ["licence: case-by-case"] = "#E69F00", ["licence (letter)"] = "#CC79A7" } }
  local html = chart.report{ title = "The DeepSeek shock: markets, costs and export controls", blocks = {
    { heading = "Markets around " .. options.event }, { svg = paths }, { svg = bars },
    { heading = "Export controls" }, { svg = matrix },
    { heading = "The full report" }, { pre = table.concat(report_lines, "\n") },
    { text = "Price data: Scripts/data/deepseek-window (see its SOURCES.md for provenance and adjustment caveats)." },
  } }
  local file = assert(io.open(options.html, "w"))
  file:write(html)
  file:close()
  print_line("wrote " .. options.html)
end
