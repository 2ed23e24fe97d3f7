#!/usr/bin/env -S aikit script
-- The DeepSeek shock, 2025-01-27: how AI-related stocks, ETFs and indexes moved, with a market-model event study
-- against SPY, what DeepSeek-V3 cost to train and serve, and which chips could ship to China when.
-- Runs on the bundled sample (market.sample(): real daily bars, see SOURCES.md in /usr/share/aikit/sample or the
-- source's Sources/MarketData/Resources/sample),
-- or on your own store with --store PATH (it needs the symbols, SPY and the XL* sector ETFs or sector data).
-- With --live and FMP_API_KEY set, the store (--store, else the default store) is filled from Financial Modeling Prep
-- the first time (prices, sector performance, profiles) and brought up to date with store:update() after that;
-- without a key, or when FMP cannot be reached (offline), --live says so in one line and uses the bundled sample
-- (or, to bring a store up to date, the store as it is).
--
--   aikit script Scripts/analysis.lua [--event 2025-01-27] [--symbols NVDA,AVGO,TSM] [--window -1,3]
--                                     [--store PATH] [--live] [--html FILE] [--pdf FILE] [--paper A4|Letter]
--                                     [--format table|csv|json]
-- With --format csv or json, only the event-study table is written (for pipes). --pdf prints the report with
-- headless Chromium.

local options = { event = "2025-01-27", window = "-1,3", html = false, pdf = false, paper = "A4", store = false,
  format = "table", live = false,
  symbols = "NVDA,AVGO,TSM,AMD,MU,ASML,SMCI,ORCL,MSFT,GOOGL,META,AMZN,VST,CEG,SMH,SOXX,QQQ,^IXIC,^SOX,^GSPC" }
do
  local i = 1
  while i <= #arg do
    local name = arg[i]:match("^%-%-(%w+)$")
    if name == "live" then
      options.live, i = true, i + 1
      goto next
    end
    if not name or options[name] == nil or arg[i + 1] == nil then
      io.stderr:write(("analysis.lua: unknown or incomplete option '%s' (argument #%d)\n"):format(arg[i], i),
        "usage: aikit script Scripts/analysis.lua [--event YYYY-MM-DD] [--symbols A,B,C] [--window FROM,TO] ",
        "[--store PATH] [--live] [--html FILE] [--pdf FILE] [--paper A4|Letter] [--format table|csv|json]\n")
      os.exit(2)
    end
    options[name] = arg[i + 1]
    i = i + 2
    ::next::
  end
end

local symbols = {}
for symbol in options.symbols:gmatch("[^,]+") do symbols[#symbols + 1] = symbol end

-- The first failure of a fetch that could not reach its provider at all (offline, a proxy down), or nil.
local function unreachable(report)
  if report.inserted + report.updated > 0 then return nil end
  for row in report.results:rows() do
    if row.status == "skipped" then return report.failed[1] end
  end
end

-- --live: a store kept current from FMP, or the bundled sample when there is no key or no way to reach FMP.
local function live_store()
  if (os.getenv("FMP_API_KEY") or "") == "" then
    io.stderr:write("analysis.lua: --live needs FMP_API_KEY (or api_key under [providers.fmp] in config.toml); ",
      "using the bundled sample\n")
    return market.sample()
  end
  local store = market.open(options.store or nil)
  local reports = {}
  -- The symbols the report needs that the store has no daily bars for: all of them in a new store, and also in one
  -- that holds only other data (sectors fetched with `aikit fetch fmp sectors`), which an update would not fill.
  local stored, missing = {}, {}
  for row in store:symbols():rows() do
    if row.interval == "1d" and (row.bars or 0) > 0 then stored[row.symbol] = true end
  end
  for _, symbol in ipairs({ "SPY", table.unpack(symbols) }) do
    if not stored[symbol] then missing[#missing + 1] = symbol end
  end
  if #missing > 0 then
    local y, m, d = options.event:match("^(%d+)-(%d+)-(%d+)$")
    local function day(offset)
      return os.date("!%Y-%m-%d", os.time{ year = tonumber(y), month = tonumber(m), day = tonumber(d) + offset, hour = 12 })
    end
    local range = { from = day(-100), to = day(45) }
    reports[1] = store:fetch{ provider = "fmp", dataset = "prices", symbols = missing, from = range.from, to = range.to }
    local failure = unreachable(reports[1])
    if failure then
      io.stderr:write("analysis.lua: --live: offline, using the bundled sample (", failure:gsub("\n", " "), ")\n")
      return market.sample()
    end
    reports[2] = store:fetch{ provider = "fmp", dataset = "sectors", from = range.from, to = range.to }
    local profiles = {}
    for _, symbol in ipairs(missing) do
      if symbol ~= "SPY" then profiles[#profiles + 1] = symbol end
    end
    if #profiles > 0 then reports[3] = store:fetch{ provider = "fmp", dataset = "profile", symbols = profiles } end
  else
    reports[1] = store:update()
    local failure = unreachable(reports[1])
    if failure then
      io.stderr:write("analysis.lua: --live: offline, using ", store:path(), " as it is (", failure:gsub("\n", " "),
        ")\n")
      return store
    end
  end
  local added = 0
  for _, report in ipairs(reports) do
    added = added + report.inserted + report.updated
    for _, failure in ipairs(report.failed) do io.stderr:write("analysis.lua: --live: ", failure, "\n") end
  end
  io.stderr:write(("analysis.lua: --live: %d rows new or changed in %s\n"):format(added, store:path()))
  return store
end

local store = options.live and live_store() or options.store and market.open(options.store) or market.sample()
local from, to = options.window:match("^(%-?%d+),(%-?%d+)$")
from, to = tonumber(from), tonumber(to)
if not (from and to and from <= to) then
  io.stderr:write("analysis.lua: --window must be FROM,TO trading days around the event, e.g. -1,3\n")
  os.exit(2)
end

-- Trading days of the benchmark before the event: the estimation window uses all of them up to the event window
-- (the sample holds 60 days, so the usual {-250, -11} does not fit).
local spy = store:bars{ symbols = "SPY" }:returns()
local days_before = #spy:filter{ to = options.event } - 1
local estimation = { -(days_before - 1), from - 1 }
local ok, study = pcall(market.event_study, { store = store, symbols = symbols, benchmark = "SPY",
  event = options.event, window = { from, to }, estimation = estimation, min_observations = 10 })
if not ok then
  io.stderr:write("analysis.lua: ", tostring(study):gsub("^[^:]*:%d+: ", ""), "\n")
  os.exit(2)
end
local event_day = study.event
if event_day ~= options.event then
  io.stderr:write(("analysis.lua: %s is not a trading day; day 0 is %s\n"):format(options.event, event_day))
end

-- Each symbol's return on day 0, with beta, the day's abnormal return and the CAR over the window.
local day0 = {}
for row in study.abnormal:filter{ from = event_day, to = event_day }:rows() do day0[row.symbol] = row end
local rows = {}
for row in study.summary:rows() do
  local d = day0[row.symbol]
  rows[#rows + 1] = { symbol = row.symbol, day = d["return"], beta = row.beta, ar = d.ar, car = row.car }
end
table.sort(rows, function(a, b) return a.day < b.day end)

if options.format == "csv" or options.format == "json" then
  local columns = { symbol = {}, ["return"] = {}, beta = {}, abnormal = {}, car = {} }
  for _, row in ipairs(rows) do
    table.insert(columns.symbol, row.symbol) table.insert(columns["return"], row.day or false)
    table.insert(columns.beta, row.beta) table.insert(columns.abnormal, row.ar or false) table.insert(columns.car, row.car)
  end
  local frame = market.frame(columns):select("symbol", "return", "beta", "abnormal", "car")
  io.write(options.format == "csv" and frame:to_csv() or frame:to_json() .. "\n")
  os.exit(0)
elseif options.format ~= "table" then
  io.stderr:write("analysis.lua: --format must be table, csv or json\n")
  os.exit(2)
end

local function pct(x) return x and ("%+.2f%%"):format(100 * x) or "n/a" end
local spy_day = spy:filter{ from = event_day, to = event_day }:col("return")[1]
print(("The DeepSeek shock: returns on %s, market model vs SPY (estimation window [%d,%d] trading days), CAR over [%d,%+d]")
  :format(event_day, estimation[1], estimation[2], from, to))
print(("SPY that day: %s"):format(pct(spy_day)))
print()
print(("%-7s %9s %6s %9s %9s"):format("symbol", "return", "beta", "abnormal", "CAR"))
for _, row in ipairs(rows) do
  print(("%-7s %9s %6.2f %9s %9s"):format(row.symbol, pct(row.day), row.beta, pct(row.ar), pct(row.car)))
end
local nvda = store:bars{ symbols = "NVDA" }:filter{ from = spy.time[math.max(1, days_before - 9)],
  to = spy.time[math.min(#spy, days_before + 11)] }
print(("NVDA close, 10 days either side: %s"):format(chart.spark(nvda:col("close"):totable())))

-- Sector performance that day: the sample's sectors are the Select Sector SPDR ETFs (an ETF proxy, not S&P sector
-- indexes or FMP's exchange averages), as SOURCES.md explains.
local moves = {}
for row in store:sectors{ from = event_day, to = event_day }:rows() do
  moves[#moves + 1] = { name = row.sector, exchange = row.exchange, change = row.average_change / 100 }
end
table.sort(moves, function(a, b) return a.change < b.change end)
print()
print(("Sector moves that day (%s):"):format(moves[1] and moves[1].exchange or "no sector data in the store"))
for _, m in ipairs(moves) do
  local width = math.floor(math.abs(m.change) * 400 + 0.5)
  print(("  %-31s %7s %s"):format(m.name, pct(m.change), (m.change < 0 and "-" or "+"):rep(width)))
end

-- The sample's own stocks grouped by their GICS sector (securities reference data), equal-weighted: where the
-- AI trade sat that day — chip makers under Information Technology, the power producers under Utilities.
local stocks = store:bars{ from = spy.time[math.max(1, days_before)], to = event_day }:returns()
  :filter{ from = event_day }:join(store:symbols(), { on = "symbol", columns = { "kind", "sector" }, kind = "inner" })
local by_sector = {}
for row in stocks:aggregate{ by = { "kind", "sector" }, ["return"] = { "count", "mean", "min" } }:rows() do
  if row.kind == "stock" then by_sector[#by_sector + 1] = row end
end
table.sort(by_sector, function(a, b) return a.return_mean < b.return_mean end)
print()
print("The sample's stocks by sector that day (equal-weighted):")
for _, row in ipairs(by_sector) do
  print(("  %-31s %7s  (%d stock%s, worst %s)"):format(row.sector, pct(row.return_mean), row.return_count,
    row.return_count == 1 and "" or "s", pct(row.return_min)))
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
print(("  %-16s %-9s %12s %10s %10s %12s"):format("model", "gpu", "GPU-hours", "cost ($)", "FLOPs", "implied MFU"))
for _, r in ipairs({ v3, llama }) do
  print(("  %-16s %-9s %11.3fM %9.3fM %10.2e %11.1f%%"):format(r.model, r.gpu, r.gpu_hours / 1e6, r.cost_usd / 1e6,
    r.flops, 100 * r.mfu))
end
print(("  DeepSeek-V3 used %.1fx fewer GPU-hours than Llama 3.1 405B for %.1fx fewer FLOPs.")
  :format(llama.gpu_hours / v3.gpu_hours, llama.flops / v3.flops))

-- DeepSeek-V3 three ways: at the $2 rental price DeepSeek used; as an owner by Epoch AI's method (amortized
-- hardware + energy, arXiv 2405.21015); and the whole fleet while V3 trained, on SemiAnalysis's estimate (~$1.6B of
-- servers for ~50,000 Hopper GPUs, 2025-01-31): an analyst's what-if (evidence S), not a disclosure.
local v3_hours = v3.gpu_hours / 2048
-- Training start by Epoch's rule: publication (2024-12-26) - training time (57 days) - 60 days = 2024-09-01.
local v3_start = "2024-09-01"
local owner = cost.ownership{ gpu = "H800", chips = 2048, chip_hours = v3.gpu_hours, start = v3_start }
local fleet = cost.ownership{ gpu = "H800", chips = 50000, hours = v3_hours, price = 1.6e9 / 50000,
  price_basis = "server", price_evidence = "S", acquired = v3_start, start = v3_start,
  price_source = "SemiAnalysis, DeepSeek Debates (2025-01-31): ~$1.6B of servers / ~50,000 Hopper GPUs (a what-if)" }
local owner_hour = cost.gpu_hour{ gpu = "H800", start = v3_start }
local moved = {}
for _, row in ipairs(rows) do moved[row.symbol] = row.day end
local views = {
  { "rental at $2/GPU-hour (DeepSeek's figure)", v3.cost_usd, nil, nil, "P" },
  { "owner, Epoch AI's method (2,048 H800)", owner.total_usd, owner.energy_mwh, owner.power_mw, "S" },
  { ("fleet while V3 trained (50,000 GPUs, %.0f days)"):format(v3_hours / 24), fleet.total_usd, fleet.energy_mwh,
    fleet.power_mw, "S" },
}
print()
print(("DeepSeek-V3 three ways (%.3fM H800 GPU-hours):"):format(v3.gpu_hours / 1e6))
print(("  %-48s %10s %13s %11s %9s"):format("view", "cost ($M)", "energy (MWh)", "power (MW)", "evidence"))
for _, v in ipairs(views) do
  print(("  %-48s %10.3f %13s %11s %9s"):format(v[1], v[2] / 1e6, v[3] and ("%.0f"):format(v[3]) or "-",
    v[4] and ("%.2f"):format(v[4]) or "-", v[5]))
end
print(("  An owner's H800 hour: $%.2f (hardware $%.2f, energy $%.3f; data centre not included) against $2 assumed")
  :format(owner_hour.total_usd, owner_hour.hardware_usd, owner_hour.energy_usd))
print(("  Power: the 2,048-GPU cluster %.2f MW (%.1f GWh a year); the fleet %.0f MW (%.0f GWh a year); on %s VST %s, CEG %s")
  :format(owner.power_mw, owner.annual_energy_gwh, fleet.power_mw, fleet.annual_energy_gwh, event_day,
    pct(moved.VST), pct(moved.CEG)))
print(("  Whole development (Epoch: total compute 1.2-4x the final run): $%.1fM-$%.1fM; with R&D staff (29-49%%): up to $%.1fM")
  :format(owner.development_usd.low / 1e6, owner.development_usd.high / 1e6, owner.development_usd.with_staff_high / 1e6))

-- DeepSeek's published serving day (V3/R1, 24 h from 2025-02-27): cost, theoretical revenue and margin.
local day = cost.inference{ model = "DeepSeek-R1", gpu = "H800", precision = "fp8", context = 4989,
  price_per_gpu_hour = 2, prefill_tokens_per_s_per_node = 73.7e3, decode_tokens_per_s_per_node = 14.8e3,
  input_tokens = 608e9, output_tokens = 168e9, cache_hit = 342 / 608, nodes = 226.75,
  prices = { input_cache_hit = 0.14, input_cache_miss = 0.55, output = 2.19 } }
print()
print(("Serving day: %.1f nodes needed for the traffic (%.2f deployed), cost $%.0f, revenue $%.0f at R1 prices, margin %.1f%%")
  :format(day.required_nodes, day.nodes, day.cost_usd, day.revenue_usd, 100 * day.margin))
print("  (DeepSeek published $562,027 and 545% from unrounded token counts; the rounded counts give the figures above)")

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

-- Why the H800 changed status between the October 2022 and October 2023 rules, with the rule and its citation.
print()
print("Why the H800 changed status:")
for _, d in ipairs({ "2023-06-01", "2023-11-20" }) do
  local r = compliance.check{ chip = "H800", destination = "China", date = d, exported_from = "US" }
  local verdict = r.license_required and ("licence required (%s, rule %s)"):format(r.eccn, r.rule)
    or (r.controlled and "controlled, no licence" or "not controlled")
  print(("  %s: %s: %s [%s]"):format(d, verdict, r.reasons[1] or "", r.citations[1] or ""))
end

-- The HTML report (--html FILE, and --pdf FILE through headless Chromium): each section as charts and tables, each
-- chart's data downloadable as CSV, Federal Register citations linked.
if options.html or options.pdf then
  local blocks = {}
  local function add(block) blocks[#blocks + 1] = block end
  local function add_chart(svg, csv, name) add{ svg = svg, csv = csv, name = name } end

  -- Markets: price paths rebased to 100 on the day before the event.
  local shown = { "NVDA", "AVGO", "TSM", "VST", "CEG", "QQQ", "SPY" }
  local before = spy.time[math.max(1, days_before)]
  local window = store:bars{ symbols = shown }:filter{ from = spy.time[math.max(1, days_before - 9)],
    to = spy.time[math.min(#spy, days_before + 11)] }:rebase{ at = before }
  local x, series = {}, {}
  for _, symbol in ipairs(shown) do
    local one = window:filter{ symbols = symbol }
    if #x == 0 then x = one:col("time"):totable() end
    series[#series + 1] = { name = symbol, values = one:col("rebased"):totable{ missing = false } }
  end
  add{ heading = "Markets around " .. event_day }
  add{ text = ("Returns on %s with a market model against SPY (estimated over trading days [%d,%d]); SPY moved %s "
    .. "that day. CAR is the cumulative abnormal return over days [%d,%+d].")
    :format(event_day, estimation[1], estimation[2], pct(spy_day), from, to) }
  add_chart(chart.line{ title = "Prices rebased to 100 on " .. before, x = x, series = series,
    markers = { { x = event_day, label = "DeepSeek shock" } }, y_label = "index (100 = day before)" })

  -- The event study: the table, then each CAR with its 95% interval (±1.96 σ√L, the standard error car_t uses).
  local columns = { "symbol", "return", "beta", "abnormal", "CAR" }
  local table_rows, labels, cars, lows, highs = {}, {}, {}, {}, {}
  local sigma = {}
  for row in study.summary:rows() do sigma[row.symbol] = row.sigma end
  local days = to - from + 1
  local by_car = {}
  for _, row in ipairs(rows) do
    table_rows[#table_rows + 1] = { row.symbol, row.day and 100 * row.day or false, row.beta,
      row.ar and 100 * row.ar or false, 100 * row.car }
    by_car[#by_car + 1] = row
  end
  table.sort(by_car, function(a, b) return a.car < b.car end)
  for _, row in ipairs(by_car) do
    local half = 1.96 * sigma[row.symbol] * math.sqrt(days)
    labels[#labels + 1], cars[#cars + 1] = row.symbol, 100 * row.car
    lows[#lows + 1], highs[#highs + 1] = 100 * (row.car - half), 100 * (row.car + half)
  end
  add{ table = { columns = columns, rows = table_rows,
    formats = { ["return"] = "%+.2f%%", beta = "%.2f", abnormal = "%+.2f%%", CAR = "%+.2f%%" } } }
  add_chart(chart.bar{ title = ("Cumulative abnormal returns over [%d,%+d] around %s"):format(from, to, event_day),
    subtitle = "Whiskers: 95% confidence interval, ±1.96 σ√L (σ: the market model's residual deviation, L = "
      .. days .. " days)", labels = labels, values = cars, low = lows, high = highs, unit = "%" })

  -- Sectors.
  add{ heading = "Sectors on " .. event_day }
  local sector_labels, sector_values = {}, {}
  for _, m in ipairs(moves) do sector_labels[#sector_labels + 1] = m.name sector_values[#sector_values + 1] = 100 * m.change end
  add_chart(chart.bar{ title = "Sector moves on " .. event_day .. " (SPDR sector ETFs, a proxy)", labels = sector_labels,
    values = sector_values, unit = "%" })
  local sector_rows = {}
  for _, row in ipairs(by_sector) do
    sector_rows[#sector_rows + 1] = { row.sector, 100 * row.return_mean, row.return_count, 100 * row.return_min }
  end
  add{ text = "The sample's own stocks by their GICS sector that day (equal-weighted):" }
  add{ table = { columns = { "sector", "mean return", "stocks", "worst" }, rows = sector_rows,
    formats = { ["mean return"] = "%+.2f%%", worst = "%+.2f%%" } } }

  -- Training cost: GPU-hours and dollars, DeepSeek-V3 highlighted.
  add{ heading = "What DeepSeek-V3 cost to train" }
  local trained, names = { v3, llama }, {}
  local hours, dollars, cost_rows = {}, {}, {}
  for _, r in ipairs(trained) do
    names[#names + 1] = ("%s (%s)"):format(r.model, r.gpu)
    hours[#hours + 1], dollars[#dollars + 1] = r.gpu_hours, r.cost_usd
    cost_rows[#cost_rows + 1] = { r.model, r.gpu, r.gpu_hours / 1e6, r.cost_usd / 1e6, r.flops, 100 * r.mfu }
  end
  local highlight = { names[1] }
  add_chart(chart.bar{ title = "GPU-hours to train (as reported)", labels = names, values = hours,
    highlight = highlight, unit = " GPU-h" })
  add_chart(chart.bar{ title = "Training cost at $2 per GPU-hour", labels = names, values = dollars,
    highlight = highlight, prefix = "$" })
  add{ table = { columns = { "model", "gpu", "GPU-hours (M)", "cost ($M)", "FLOPs", "implied MFU" }, rows = cost_rows,
    formats = { ["GPU-hours (M)"] = "%.3f", ["cost ($M)"] = "%.3f", FLOPs = "%.2e", ["implied MFU"] = "%.1f%%" } } }
  add{ text = ("DeepSeek-V3 used %.1fx fewer GPU-hours than Llama 3.1 405B for %.1fx fewer FLOPs (GPU-hours as "
    .. "reported by each lab; FLOPs from the architectures; MFU implied against the BF16 peak).")
    :format(llama.gpu_hours / v3.gpu_hours, llama.flops / v3.flops) }

  -- DeepSeek-V3 three ways, with the run's energy and the cluster's power, each assumption listed under them.
  add{ heading = "DeepSeek-V3 three ways: rental, owner, fleet" }
  add_chart(chart.stacked{ title = "DeepSeek-V3's final run three ways: rental, owner, fleet",
    subtitle = "Owner and fleet by Epoch AI's amortized hardware CapEx + energy (arXiv 2405.21015); the fleet is "
      .. "SemiAnalysis's estimate, a what-if (evidence S)",
    labels = { "rental ($2/GPU-hour)", "owner (2,048 H800)", "fleet while V3 trained (S)" }, prefix = "$",
    segments = { { name = "rental", values = { v3.cost_usd, 0, 0 } },
                 { name = "chips", values = { 0, owner.chips_usd, fleet.chips_usd } },
                 { name = "rest of server", values = { 0, owner.server_usd, fleet.server_usd } },
                 { name = "interconnect", values = { 0, owner.interconnect_usd, fleet.interconnect_usd } },
                 { name = "energy", values = { 0, owner.energy_usd, fleet.energy_usd } } } })
  add_chart(chart.bar{ title = "Power drawn at full TDP (with server overhead and PUE)",
    subtitle = "The fleet is SemiAnalysis's ~50,000 Hopper GPUs at H800 power: a what-if (evidence S)",
    labels = { "V3's cluster (2,048 H800)", "fleet (~50,000 GPUs, S)" }, values = { owner.power_mw, fleet.power_mw },
    unit = " MW" })
  local view_rows = {}
  for _, v in ipairs(views) do view_rows[#view_rows + 1] = { v[1], v[2] / 1e6, v[3] or false, v[4] or false, v[5] } end
  add{ table = { columns = { "view", "cost ($M)", "energy (MWh)", "power (MW)", "evidence" }, rows = view_rows,
    formats = { ["cost ($M)"] = "%.3f", ["energy (MWh)"] = "%.0f", ["power (MW)"] = "%.2f" } } }
  add{ text = ("An owner's H800 hour: $%.2f (hardware $%.2f, energy $%.3f; data centre not included) against the $2 "
    .. "DeepSeek assumed. The fleet draws %.0f MW (%.0f GWh a year); on %s VST moved %s and CEG %s. Whole development "
    .. "(Epoch: total compute 1.2-4x the final run): $%.1fM-$%.1fM; with R&D staff at 29-49%%: up to $%.1fM.")
    :format(owner_hour.total_usd, owner_hour.hardware_usd, owner_hour.energy_usd, fleet.power_mw,
      fleet.annual_energy_gwh, event_day, pct(moved.VST), pct(moved.CEG), owner.development_usd.low / 1e6,
      owner.development_usd.high / 1e6, owner.development_usd.with_staff_high / 1e6) }
  local function assumed(label, r)
    local list = {}
    for _, a in ipairs(r.assumptions) do
      list[#list + 1] = ("%s: %s = %s (%s%s)"):format(label, a.name, a.value, a.source,
        a.evidence and ("; evidence " .. a.evidence) or "")
    end
    return list
  end
  add{ text = "Assumptions (each overridable in cost.ownership):" }
  local listed = assumed("owner", owner)
  for _, line in ipairs(assumed("fleet", fleet)) do listed[#listed + 1] = line end
  listed[#listed + 1] = "rental: 2.788M GPU-hours x $2 (DeepSeek-V3 technical report, Table 1; evidence P)"
  add{ list = listed }

  -- Serving-day economics: the day's cost beside its theoretical revenue, split by what was billed.
  add{ heading = "A day of serving DeepSeek-R1" }
  local hit, miss, out = 342e9, 608e9 - 342e9, 168e9
  local parts = { hit * 0.14 / 1e6, miss * 0.55 / 1e6, out * 2.19 / 1e6 }
  assert(math.abs(parts[1] + parts[2] + parts[3] - day.revenue_usd) < 1, "revenue parts do not add up")
  add_chart(chart.stacked{ title = "One serving day (24 h from 2025-02-27): cost and theoretical revenue",
    subtitle = ("%.2f H800 nodes at $2/GPU-hour; revenue at R1 prices, margin %.0f%%"):format(day.nodes, 100 * day.margin),
    labels = { "cost", "revenue" }, prefix = "$",
    segments = { { name = "H800 rental", values = { day.cost_usd, 0 } },
                 { name = "input, cache hit ($0.14/M)", values = { 0, parts[1] } },
                 { name = "input, cache miss ($0.55/M)", values = { 0, parts[2] } },
                 { name = "output ($2.19/M)", values = { 0, parts[3] } } } })
  add{ text = ("%.1f nodes were needed for the traffic (%.2f deployed): cost $%.0f, revenue $%.0f, margin %.1f%%. "
    .. "DeepSeek published $562,027 and 545%% from unrounded token counts; the rounded counts give these figures.")
    :format(day.required_nodes, day.nodes, day.cost_usd, day.revenue_usd, 100 * day.margin) }

  -- Export controls: the matrix, the rule behind each change, and the H800's story, citations linked.
  add{ heading = "Export controls: which chips could ship to China" }
  local cells, changes = {}, {}
  for _, chip in ipairs(chips) do
    local row, previous = {}, nil
    for _, d in ipairs(dates) do
      local r = compliance.check{ chip = chip, destination = "China", date = d, exported_from = "US" }
      row[#row + 1] = cell(r)
      if row[#row] ~= previous then
        local cited, seen = {}, {}
        for _, citation in ipairs(r.citations) do
          for fr in citation:gmatch("%d+ FR %d+") do
            if not seen[fr] then seen[fr], cited[#cited + 1] = true, fr end
          end
        end
        changes[#changes + 1] = { chip, d, row[#row], r.rule or "", table.concat(cited, "; ") }
      end
      previous = row[#row]
    end
    cells[#cells + 1] = row
  end
  add_chart(chart.heatmap{ title = "Export status for China (exports from the US)", rows = chips, columns = dates,
    cells = cells, colors = { ["free"] = "#009E73", ["no licence"] = "#56B4E9", ["licence: denial"] = "#D55E00",
      ["licence: case-by-case"] = "#E69F00", ["licence (letter)"] = "#CC79A7" } })
  add{ text = "Each chip's status from the first date, and each change, with the rule that decides it "
    .. "(licence = licence required; denial = presumption of denial):" }
  add{ table = { columns = { "chip", "from", "status", "rule", "citation" }, rows = changes } }
  local story = {}
  for _, d in ipairs({ "2023-06-01", "2023-11-20" }) do
    local r = compliance.check{ chip = "H800", destination = "China", date = d, exported_from = "US" }
    local verdict = r.license_required and ("licence required (%s, rule %s)"):format(r.eccn, r.rule)
      or (r.controlled and "controlled, no licence" or "not controlled")
    story[#story + 1] = ("%s: %s. %s (%s)"):format(d, verdict, table.concat(r.reasons, " "),
      table.concat(r.citations, "; "))
  end
  add{ text = "Why the H800 changed status between the October 2022 and October 2023 rules:" }
  add{ list = story }
  -- Where the prices came from, in words: a store's own path only when the user named a store (a sample or a
  -- live store lives in memory or a cache, whose path says nothing).
  local source = options.store and ("the store " .. store:path())
    or options.live and "FMP, through a store kept current for this run"
    or "the bundled sample of daily bars (see SOURCES.md beside it, /usr/share/aikit/sample when installed, "
      .. "Sources/MarketData/Resources/sample in the source, for provenance and adjustment caveats)"
  add{ text = "Price data: " .. source .. "." }

  chart.report{ title = "The DeepSeek shock: markets, costs and export controls", path = options.html or nil,
    pdf = options.pdf or nil, paper = options.paper, blocks = blocks }
  if options.html then print("wrote " .. options.html) end
  if options.pdf then print("wrote " .. options.pdf) end
end
