-- Differential harness, aikit side: a random frame (seed SEED, scale SCALE) and every verb's result as CSV.
-- Run by FrameDifferentialTests; pandas_check.py computes the same with pandas and compares.
local seed, scale = ...
math.randomseed(seed)
local symbols, times, x, y, v, names = {}, {}, {}, {}, {}, {}
local words = { "alpha", "Beta", "gamma x", "delta", "Alpha" }
local lengths = { math.random(20, 60), math.random(1, 8), 1, math.random(10, 40), 0 }
for s, n in ipairs(lengths) do
  for d = 1, n do
    symbols[#symbols + 1] = ({ "NVDA", "AMD", "CEG", "VST", "SPY" })[s]
    times[#times + 1] = os.date("!%Y-%m-%d", 1704067200 + (d - 1) * 86400)
    local function value()
      local r = math.random()
      if r < 0.08 then return 0 / 0 end
      if r < 0.25 then return math.random(-3, 6) / 2 * scale end -- ties
      return (math.random() * 20 - 5) * scale
    end
    x[#x + 1], y[#y + 1] = value(), value()
    v[#v + 1] = math.random() < 0.5 and math.random(1, 100) * scale or (math.random() + 0.5) * scale
    names[#names + 1] = words[math.random(#words)]
  end
end
-- Rows shuffled: windows must follow each symbol in time order whatever the row order.
for i = #x, 2, -1 do
  local j = math.random(i)
  for _, t in ipairs({ symbols, times, x, y, v, names }) do t[i], t[j] = t[j], t[i] end
end
local f = market.frame { symbol = symbols, time = times, x = x, y = y, v = v, name = names }
local out = { input = f:to_csv() }

local e = f:with {
  add = f.x + f.y, sub = f.x - 2, mul = 3 * f.y, div = f.x / f.y, mod = f.x % 3, pow = f.v ^ 0.5, neg = -f.x,
  abs = f.x:abs(), log = f.v:log(), exp = (f.x / scale):exp(), sqrt = f.v:sqrt(), round = f.x:round(2),
  clip = f.x:clip(0, 4 * scale), sign = f.x:sign(),
  gt = f.x:gt(f.y), ge = f.x:ge(1 * scale), lt = f.x:lt(0), le = f.x:le(f.y), eq = f.x:eq(f.y), ne = f.x:ne(1 * scale),
  between = f.x:between(0, 3 * scale), isin = f.name:isin { "alpha", "delta" }, isnull = f.x:isnull(),
  notnull = f.y:notnull(), both = f.x:gt(0) & f.y:gt(0), either = f.x:gt(0) | ~f.y:gt(0),
  where = f.x:where(f.x:gt(f.y), f.y), fillna = f.x:fillna(0),
  contains = f.name:contains("a"), startswith = f.name:startswith("al"), upper = f.name:upper(),
  lower = f.name:lower(), len = f.name:len(), cut = f.x:cut { -5 * scale, 0, 2 * scale, 15 * scale },
}
out.expressions = e:drop("symbol", "time", "x", "y", "v", "name"):to_csv()

local w = f:with {
  shift = f.x:shift(), shift2 = f.x:shift(-2), diff = f.x:diff(), pct = f.v:pct_change(2), cumsum = f.x:cumsum(),
  cumprod = (f.v / scale):cumprod(), cummax = f.x:cummax(), cummin = f.x:cummin(), ffill = f.x:ffill(),
  bfill = f.x:bfill(), rmean = f.x:rolling(3, "mean"), rstd = f.x:rolling(4, "std"), rmin = f.x:rolling(3, "min"),
  rmax = f.x:rolling(3, "max"), rsum = f.x:rolling(5, "sum"), corr = f.x:rolling(6, "corr", f.y),
  cov = f.x:rolling(6, "cov", f.y), beta = f.x:rolling(6, "beta", f.y), ewm = f.x:ewm { span = 5 },
  ewmh = f.x:ewm { halflife = 3 }, ewmstd = f.x:ewm { span = 4, stat = "std" }, z = f.x:zscore(),
  z5 = f.x:zscore(5), rank = f.x:rank(), rankd = f.x:rank { descending = true },
  lua = f.x:rolling(3, function(values) return values[3] - values[1] end),
}
out.windows = w:drop("symbol", "time", "x", "y", "v", "name"):to_csv()

out.where = f:where(f.x:gt(f.y) | f.name:eq("Beta")):to_csv()
out.sort = f:sort { "-x", "symbol", "time" }:to_csv()
out.rename = f:rename { x = "ex" }:drop("y"):to_csv()
out.dropna = f:dropna("x", "y"):to_csv()
out.fillna = f:fillna(-1):to_csv()
out.ffill = f:fillna("ffill"):to_csv()
out.unique = f:unique("symbol", "name"):to_csv()
out.value_counts = f:value_counts("name"):to_csv()
out.quantile = f:quantile { 0, 0.1, 0.5, 0.75, 1 }:to_csv()
out.agg = f:groupby("symbol", "name"):agg {
  n = { "x", "count" }, total = { "x", "sum" }, mean = { "x", "mean" }, std = { "y", "std" }, lo = { "x", "min" },
  hi = { "y", "max" }, med = { "x", "median" }, range = { "v", function(values) return #values end },
}:to_csv()
return out
