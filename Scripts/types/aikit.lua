---@meta aikit
-- LuaCATS annotations for aikit's Lua API (lua-language-server: add this folder to `workspace.library`).
-- A test (AIKitScriptingTests/AnnotationTests) fails when a registered function has no annotation here.

---@class aikit
---@field version string aikit's version
aikit = {}

---@class aikit.InspectOptions
---@field depth? integer tables nested deeper print as {...} (default 8, 0…100)
---@field max_items? integer entries shown per table before "... (N more)" (default 50, 1…1000000)
---@field indent? integer spaces per level (default 2, 0…16)
---@field width? integer one-line form used when it fits (default 80, 0…100000)

---The REPL's pretty printer as a string: keys sorted, cycles marked, long tables truncated.
---@param value any
---@param opts? aikit.InspectOptions
---@return string
function aikit.inspect(value, opts) end

---@class aikit.PluginCommand
---@field run fun(args: any[]): ...any
---@field help? string

---@class aikit.PluginDeclaration
---@field name string must match the plugin's file or folder name
---@field version string
---@field description? string
---@field requires? table<string, string> e.g. { aikit = ">=0.1" }
---@field permissions? string[] "exec", "net", "read:FOLDER", "write:FOLDER"
---@field commands? table<string, aikit.PluginCommand>
---@field setup? fun(ctx: { name: string, version: string, root: string?, permissions: string[] })

---Declares a plugin (the value a plugin file returns).
---@param declaration aikit.PluginDeclaration
---@return aikit.PluginDeclaration
function aikit.plugin(declaration) end

---Plugins found in ./Plugins, AIKIT_PLUGIN_PATH and ~/.config/aikit/plugins: `plugins.NAME.COMMAND(...)`.
---@type table<string, table<string, fun(...): ...any>>
plugins = {}

---Notebook kernel only (`aikit kernel`): shows each value in the cell's output now (a Frame as a table, a chart as
---SVG, anything else as the REPL prints it); `display(text, "text/html")` shows text as that MIME type.
---@param value any
---@param ... any
function display(value, ...) end

-- market -------------------------------------------------------------------------------------------------------------

---Market data: stores of bars, sector performance, series and events; columnar frames; kdb+-style analytics.
---Dates are "YYYY-MM-DD" (or "YYYY-MM-DD HH:MM:SS", UTC) strings or seconds since 1970.
---@class market
market = {}

---@alias market.Time string|number "2025-01-27", "2025-01-27 14:30:00" or seconds since 1970 (UTC)

---@class market.BarQuery
---@field symbols? string|string[] one symbol, "A,B", or a list (default: all); unknown symbols are an error
---@field from? market.Time inclusive
---@field to? market.Time inclusive
---@field interval? string "1d" (default), "1w", "1mo", "5m", "intraday" …

---@class market.SectorQuery
---@field sectors? string|string[]
---@field exchange? string
---@field from? market.Time
---@field to? market.Time

---@class market.EventQuery
---@field tag? string
---@field from? market.Time
---@field to? market.Time

---@class market.ImportOptions
---@field symbol? string symbol of a single-symbol file (default: from the file name)
---@field series? string id of a Date,Value series file (default: from the file name)
---@field interval? string bar interval to record
---@field skip_bad? boolean report and skip bad rows instead of rejecting the whole import
---@field window_rows? integer rows buffered before merging (default 1,000,000)

---@class market.ImportedFile
---@field path string
---@field format string yahoo-csv, stooq-csv, stooq-bulk, long-csv, fmp-eod, fmp-historical-price-full, fmp-sector-performance, …
---@field kind "bars"|"sectors"|"series"|"securities"|"events"
---@field rows integer
---@field inserted integer
---@field updated integer
---@field unchanged integer
---@field symbols string[]
---@field from? string
---@field to? string
---@field empty_rows integer rows with no values (Yahoo's null rows), not imported
---@field skipped string[] with skip_bad: "file:line: what is wrong" per skipped row (first 100)
---@field skipped_count integer

---@class market.ImportReport
---@field rows integer
---@field inserted integer
---@field updated integer
---@field unchanged integer
---@field symbols string[]
---@field files market.ImportedFile[]

---@class market.FetchRequest
---@field provider "fmp"|"yahoo"|"stooq"|"fred"|string
---@field dataset "prices"|"sectors"|"sector-snapshot"|"profile"|"series"|string
---@field symbols? string[] symbols, series ids or sectors (FMP's sectors: all 11 when omitted)
---@field from? market.Time
---@field to? market.Time
---@field exchange? string for FMP's sector datasets
---@field refresh? boolean ignore cached answers
---@field dry_run? boolean list the requests (keys redacted) instead of sending them

---@class market.FetchReport
---@field inserted integer
---@field updated integer
---@field unchanged integer
---@field ok boolean false when any target failed or came back empty
---@field failed string[] "provider TARGET: what went wrong and what to do"
---@field results Frame target, provider, dataset, status, rows, inserted, updated, unchanged, from, to, cached, message

---@class market.MergeCounts
---@field inserted integer
---@field updated integer
---@field unchanged integer

---A market store (SQLite file in WAL mode).
---@class MarketStore
local MarketStore = {}

---Bars as a Frame: symbol, time, open, high, low, close, adj_close, volume (sorted by symbol, then time).
---@param query? market.BarQuery
---@return Frame
function MarketStore:bars(query) end

---Sector performance: time, sector, exchange, average_change (percent).
---@param query? market.SectorQuery
---@return Frame
function MarketStore:sectors(query) end

---A generic series (time, value): market caps, GPU rental prices, app ranks …
---@param id string
---@param range? { from?: market.Time, to?: market.Time }
---@return Frame
function MarketStore:series(id, range) end

---Events: time, title, tags, source.
---@param query? market.EventQuery
---@return Frame
function MarketStore:events(query) end

---One row per security: symbol, name, kind, sector, industry, exchange, currency, interval, bars, first, last.
---@return Frame
function MarketStore:symbols() end

---Imports files (format detected from the content) in one atomic write; the same file twice changes nothing.
---Plugins need the "read" permission for the files' folder (their own folder is readable without it).
---@param paths string|string[]
---@param opts? market.ImportOptions
---@return market.ImportReport
function MarketStore:import(paths, opts) end

---Fetches from a market data provider (keys from the environment or config.toml), each target in its own atomic
---write; one failing target does not lose the others. Plugins need the "net" permission.
---@param request market.FetchRequest
---@return market.FetchReport
function MarketStore:fetch(request) end

---Fetches what is newer than the last stored row of everything fetched into this store, from the provider it
---came from. Plugins need the "net" permission.
---@param opts? { refresh?: boolean, dry_run?: boolean }
---@return market.FetchReport
function MarketStore:update(opts) end

---Where fetched data came from: kind, id, provider, dataset, parameters, fetched.
---@return Frame
function MarketStore:sources() end

---Adds or updates a series from a Frame or a table {time = {...}, value = {...}}.
---@param id string
---@param data Frame|{ time: market.Time[], value: number[] }
---@return market.MergeCounts
function MarketStore:add_series(id, data) end

---Adds (or updates the tags and source of) a dated event.
---@param event { date: market.Time, title: string, tags?: string|string[], source?: string }
---@return market.MergeCounts
function MarketStore:add_event(event) end

---The backend's consistency check: "ok" or what is wrong.
---@return string
function MarketStore:check() end

---Where the store lives.
---@return string
function MarketStore:path() end

---A columnar table; every operation runs over whole columns and returns a new Frame. `#f` is the row count,
---`f.NAME` a column (methods take precedence), `tostring(f)` an aligned table.
---@class Frame
---@operator len: integer
local Frame = {}

---@return string[]
function Frame:columns() end

---@param name string
---@return Column
function Frame:col(name) end

---@param n? integer default 10
---@return Frame
function Frame:head(n) end

---@param n? integer default 10
---@return Frame
function Frame:tail(n) end

---@param ... string column names, in the order wanted
---@return Frame
function Frame:select(...) end

---Stable sort by the named columns (names or one list of names); a leading "-" sorts that column descending,
---e.g. `f:sort{"-close", "symbol"}`. Missing values sort last.
---@param ... string|string[]
---@return Frame
function Frame:sort(...) end

---@param opts { symbols?: string|string[], from?: market.Time, to?: market.Time }
---@return Frame
function Frame:filter(opts) end

---Adds or replaces a column: `f:with("ret", f.close / f.open - 1)`, or several at once
---`f:with{ret = f.close / f.open - 1, gap = f.open / f.close:shift() - 1}` (added in order of name), or in a given
---order as a list of pairs `f:with{{"ret", f.close / f.open - 1}, {"gap", …}}`. A value is a Column, a list, or
---one number or string for every row.
---@param name string|table<string, Column|any[]|number|string>|{ [1]: string, [2]: Column|any[]|number|string }[]
---@param values? Column|any[]|number|string
---@return Frame
function Frame:with(name, values) end

---The rows where a mask holds: `f:where(f.close:gt(100) & f.symbol:isin{"NVDA", "AMD"})`.
---@param mask Column a comparison's result, or a column of 0 and 1
---@return Frame
function Frame:where(mask) end

---Columns renamed, order kept: `f:rename{close = "price"}`.
---@param names table<string, string>
---@return Frame
function Frame:rename(names) end

---Without the named columns.
---@param ... string|string[]
---@return Frame
function Frame:drop(...) end

---Without the rows missing a value in any of the named columns (default: any column).
---@param ... string|string[]
---@return Frame
function Frame:dropna(...) end

---Missing values filled: with a number (number columns) or a string (string columns), or per symbol in time order
---from the previous ("ffill") or next ("bfill") present value (number columns).
---@param value number|string|"ffill"|"bfill"
---@return Frame
function Frame:fillna(value) end

---The first row of each distinct combination of the named columns (default: all), in order.
---@param ... string|string[]
---@return Frame
function Frame:unique(...) end

---How often each value of a column occurs (missing left out): the value and `count`, most frequent first.
---@param column string
---@return Frame
function Frame:value_counts(column) end

---One row per quantile q (0…1, linear interpolation as pandas): `quantile` and each number column.
---@param q number|number[]
---@return Frame
function Frame:quantile(q) end

---The frame as a chart (its SVG, then its data as CSV): "line" (x default "time"; one column of a frame of several
---symbols draws one line per symbol), "bar" (x default "symbol") or "scatter" (with the least-squares line and its
---R² unless `fit = false`). `f:plot{y = "close"}`, `f:plot{x = "beta", y = "ret", kind = "scatter"}`.
---@param opts { y: string|string[], x?: string, kind?: "line"|"bar"|"scatter", title?: string, fit?: boolean, width?: number, height?: number }
---@return string svg
---@return string csv
function Frame:plot(opts) end

---Groups by key columns for `agg`: `f:groupby("symbol"):agg{mean_ret = {"ret", "mean"}}`.
---@param ... string|string[]
---@return GroupBy
function Frame:groupby(...) end

---Per-symbol returns (on adj_close where a symbol has it, else close); the first row of each symbol is missing.
---@param opts? { log?: boolean, column?: string, name?: string }
---@return Frame
function Frame:returns(opts) end

---Cumulative return per symbol from the first row.
---@param opts? { column?: string, name?: string }
---@return Frame
function Frame:cumulative(opts) end

---Prices rebased per symbol: value / value at `at` (or the first row) × base.
---@param opts? { base?: number, at?: market.Time, column?: string, name?: string }
---@return Frame
function Frame:rebase(opts) end

---A rolling statistic per symbol over `n` rows (the first n-1 missing); adds COLUMN_STATn.
---@param n integer
---@param statistic "mean"|"std"|"min"|"max"|"sum"
---@param column? string default "return" when present, else "close"
---@param name? string
---@return Frame
function Frame:rolling(n, statistic, column, name) end

---OHLCV bars per symbol and week (from Monday) or month: open first, high max, low min, close last, volume sum.
---@param period "week"|"month"
---@return Frame
function Frame:resample(period) end

---Volume-weighted average of (high+low+close)/3 per symbol: cumulative, or rolling over `window` rows.
---@param opts? { window?: integer, name?: string }
---@return Frame
function Frame:vwap(opts) end

---As-of join (kdb+ aj): each row gets the last row of `right` with the same key at or before its time.
---@param right Frame
---@param opts? { on?: string, by?: string|false, tolerance?: number, columns?: string|string[] }
---@return Frame
function Frame:asof(right, opts) end

---Exact join on key columns (each key at most once on the right), e.g. bars with `store:symbols()` on "symbol" to
---add each security's sector; left rows keep their order.
---@param right Frame
---@param opts { on: string|string[], columns?: string|string[], kind?: "left"|"inner" }
---@return Frame
function Frame:join(right, opts) end

---Long to wide: one column per value of `columns`.
---@param opts { index?: string, columns?: string, values: string }
---@return Frame
function Frame:pivot(opts) end

---Wide to long.
---@param opts? { index?: string, name?: string, value?: string }
---@return Frame
function Frame:melt(opts) end

---Cross-sectional rank within each time (1 = lowest; average ranks for ties).
---@param opts { column: string, by?: string, descending?: boolean, name?: string }
---@return Frame
function Frame:rank(opts) end

---Correlation matrix of a column across symbols, aligned by time.
---@param opts? { column?: string, by?: string, on?: string }
---@return Frame
function Frame:corr(opts) end

---Drawdown from the running peak, per symbol.
---@param opts? { column?: string }
---@return Frame
function Frame:drawdown(opts) end

---Per symbol: max_drawdown (negative fraction), peak_time, trough_time, recovery_time.
---@param opts? { column?: string }
---@return Frame
function Frame:max_drawdown(opts) end

---kdb+'s `select … by …`: one row per distinct `by` combination with COLUMN_STAT for each request, e.g.
---`f:aggregate{by = "symbol", ["return"] = {"mean", "std"}, volume = "sum"}`. Statistics: count, sum, mean, std,
---min, max, median, first, last (missing values skipped).
---@param spec table<string, string|string[]> `by` names the key columns; every other key a column and its statistics
---@return Frame
function Frame:aggregate(spec) end

---count, missing, mean, std, min, median, max of each numeric column.
---@return Frame
function Frame:describe() end

---Iterates rows as tables (missing values absent).
---@return fun(): table?
function Frame:rows() end

---All rows as an array of tables.
---@return table[]
function Frame:totable() end

---CSV text, or writes it to `path` (atomically: a failed write is an error and leaves an old file whole) and
---returns the row count. Plugins need the "write" permission for the file's folder.
---@param path? string
---@return string|integer
function Frame:to_csv(path) end

---@return string
function Frame:to_json() end

---A copy whose numbers read through a printf format per column, in `show`, the notebook's HTML table and reports
---(`f:format{close = "%.2f", ret = "%+.2f%%"}`; `false` drops a column's format). One conversion of f, e or g;
---`%%` for a percent sign. CSV and JSON keep full precision.
---@param formats table<string, string|false>
---@return Frame
function Frame:format(formats) end

---An aligned table of at most `max_rows` rows.
---@param max_rows? integer default 40
---@return string
function Frame:show(max_rows) end

---One column of a Frame: `c[i]` (nil when missing), `#c`. Columns compose as expressions computed in Swift over
---whole columns: `+ - * / % ^` and unary minus with numbers or columns (missing values propagate); comparisons as
---methods returning masks (`c:gt(0)`), combined with `&`, `|`, `~`. Windows follow each symbol in time order of
---the frame the column came from.
---@class Column
---@operator len: integer
---@operator add(Column|number): Column
---@operator sub(Column|number): Column
---@operator mul(Column|number): Column
---@operator div(Column|number): Column
---@operator mod(Column|number): Column
---@operator pow(Column|number): Column
---@operator unm: Column
---@operator band(Column): Column
---@operator bor(Column): Column
---@operator bnot: Column
local Column = {}

---The values as an array; missing values are nil, or false with `{missing = false}` (chart.line draws gaps).
---@param opts? { missing?: false }
---@return any[]
function Column:totable(opts) end

---@return string
function Column:name() end

---@return number?
function Column:sum() end

---@return number?
function Column:mean() end

---@return number?
function Column:min() end

---@return number?
function Column:max() end

---Sample standard deviation of the present values.
---@return number?
function Column:std() end

---@return number?
function Column:median() end

---How many values are present.
---@return integer
function Column:count() end

---The q quantile (0…1) of the present values, interpolating linearly.
---@param q number
---@return number?
function Column:quantile(q) end

---The last value.
---@return any
function Column:last() end

---The distinct values in first-seen order.
---@return Column
function Column:unique() end

---@param other Column|number|string
---@return Column mask
function Column:gt(other) end

---@param other Column|number|string
---@return Column mask
function Column:ge(other) end

---@param other Column|number|string
---@return Column mask
function Column:lt(other) end

---@param other Column|number|string
---@return Column mask
function Column:le(other) end

---@param other Column|number|string
---@return Column mask
function Column:eq(other) end

---@param other Column|number|string
---@return Column mask
function Column:ne(other) end

---Whether each value lies in lower…upper (both included).
---@param lower number
---@param upper number
---@return Column mask
function Column:between(lower, upper) end

---@param values (number|string)[]
---@return Column mask
function Column:isin(values) end

---@return Column mask
function Column:isnull() end

---@return Column mask
function Column:notnull() end

---This column where the mask holds, else `other` (missing when left out), as pandas' `where`.
---@param mask Column
---@param other? Column|number|string
---@return Column
function Column:where(mask, other) end

---Missing values replaced by `value`.
---@param value number|string
---@return Column
function Column:fillna(value) end

---@return Column
function Column:abs() end

---Natural logarithm.
---@return Column
function Column:log() end

---@return Column
function Column:exp() end

---@return Column
function Column:sqrt() end

----1, 0 or 1.
---@return Column
function Column:sign() end

---Half to even, as numpy and pandas (2.5 → 2).
---@param digits? integer default 0
---@return Column
function Column:round(digits) end

---@param lower? number
---@param upper? number
---@return Column
function Column:clip(lower, upper) end

---Each number's bin `(a, b]` among ascending edges, as pandas' cut (or the given labels); outside: missing.
---@param edges number[]
---@param labels? string[]
---@return Column
function Column:cut(edges, labels) end

---Whether each string contains `text` (plain text, not a pattern).
---@param text string
---@return Column mask
function Column:contains(text) end

---@param prefix string
---@return Column mask
function Column:startswith(prefix) end

---@return Column
function Column:upper() end

---@return Column
function Column:lower() end

---The length of each string.
---@return Column
function Column:len() end

---The value n rows earlier in the same symbol (later for negative n).
---@param n? integer default 1
---@return Column
function Column:shift(n) end

---x - x n rows earlier, per symbol.
---@param n? integer default 1
---@return Column
function Column:diff(n) end

---x / x n rows earlier - 1, per symbol.
---@param n? integer default 1
---@return Column
function Column:pct_change(n) end

---@return Column
function Column:cumsum() end

---@return Column
function Column:cumprod() end

---@return Column
function Column:cummax() end

---@return Column
function Column:cummin() end

---Missing values from the symbol's previous present value.
---@return Column
function Column:ffill() end

---Missing values from the symbol's next present value.
---@return Column
function Column:bfill() end

---A statistic over the last n rows of each symbol (missing until n rows, and over missing values):
---"mean", "std", "min", "max", "sum"; "corr", "cov" or "beta" with `other` (beta = cov / var(other)); or a Lua
---function of the window's values (the slow path).
---@param n integer
---@param statistic "mean"|"std"|"min"|"max"|"sum"|"corr"|"cov"|"beta"|fun(values: number[]): number
---@param other? Column
---@return Column
function Column:rolling(n, statistic, other) end

---Exponentially weighted mean (or std) per symbol, as pandas' `ewm(adjust=True)`: give one of span, halflife, alpha.
---@param opts { span?: number, halflife?: number, alpha?: number, stat?: "mean"|"std" }
---@return Column
function Column:ewm(opts) end

---(x - mean) / std per symbol, over its whole series or the last n rows.
---@param n? integer
---@return Column
function Column:zscore(n) end

---Rank among the rows sharing a time (1 = lowest; ties share their average rank).
---@param opts? { descending?: boolean }
---@return Column
function Column:rank(opts) end

---A frame grouped by key columns (`f:groupby("symbol")`).
---@class GroupBy
local GroupBy = {}

---One row per group (keys ascending) with a column per field: `{name = {column, "stat"}}` with stat one of count,
---sum, mean, std, min, max, median, first, last, or `{column, function(values) … end}` (the slow path). Outputs in
---order of name.
---@param spec table<string, { [1]: string, [2]: string|fun(values: number[]): number }>
---@return Frame
function GroupBy:agg(spec) end

---Opens (creating when missing) a store: `path`, else --db / $AIKIT_DB, else ~/.local/share/aikit/market.sqlite.
---PostgreSQL for `postgresql://…`, `pg:CONNINFO` or a `host=… dbname=…` string; a file you cannot write opens
---read-only (writes then fail saying so). Plugins need the "write" permission for the file's folder, or "exec"
---for a PostgreSQL store.
---@param path? string
---@return MarketStore
function market.open(path) end

---The bundled sample: 32 AI-related stocks, ETFs and indexes, 2024-12-02..2025-02-28 (real daily bars),
---with securities, events and the sector-ETF proxy of sector performance; an in-memory store.
---@return MarketStore
function market.sample() end

---Registers a market data provider as URL templates (placeholders {base}, {symbol}, {from}, {to}, {from_compact},
---{to_compact}, {from_unix}, {to_unix}, {key}; its key is AIKIT_<NAME>_API_KEY). A template starts with {base} then
---"/" or "?", and every request must go to the base URL's host. Plugins need the "net" permission, and may not use a
---built-in's name or one the user's environment or config.toml defines.
---@param spec { name: string, title?: string, base_url: string, key_help?: string, calls_per_minute?: number, calls_per_day?: integer, datasets: table<string, { kind?: "bars"|"series"|"sectors"|"securities", summary?: string, url: string }> }
function market.register_provider(spec) end

---A Frame from equal-length lists; strings that all read as dates become a time column. Named columns come
---symbol, time, date first, then by name; a list of {name, values} pairs keeps its order:
---`market.frame{{"time", {...}}, {"close", {...}}}`.
---@param columns table<string, any[]>|{ [1]: string, [2]: any[] }[]
---@return Frame
function market.frame(columns) end

---@class market.EventStudyInput
---@field store MarketStore
---@field symbols string|string[]
---@field benchmark? string default "SPY"
---@field event market.Time day 0 is this date or the next trading day
---@field window? integer[] trading-day offsets {first, last}, default {-5, 5}
---@field estimation? integer[] default {-60, -6}
---@field column? string price column (default adj_close where present, else close)
---@field min_observations? integer

---@class market.EventStudy
---@field event string day 0
---@field benchmark string
---@field abnormal Frame symbol, time, offset, return, benchmark_return, expected, ar, car, ar_t, car_t
---@field summary Frame symbol, alpha, beta, r2, sigma, car, car_t, n_estimation

---Market-model event study (MacKinlay 1997): abnormal and cumulative abnormal returns per symbol.
---@param input market.EventStudyInput
---@return market.EventStudy
function market.event_study(input) end

-- cost ---------------------------------------------------------------------------------------------------------------

---@class cost
cost = {}

---@class cost.Figure
---@field value number
---@field evidence "P"|"S"|"E" primary, secondary or estimate
---@field source string
---@field note? string
---@field low? number
---@field high? number

---@class cost.GPU
---@field name string
---@field vendor string
---@field aliases string[]
---@field market "datacenter"|"consumer"
---@field launched? integer
---@field interconnect? string
---@field notes? string
---@field precisions string[]
---@field bf16_tflops? number
---@field fp16_tflops? number
---@field fp8_tflops? number
---@field int8_tops? number
---@field tf32_tflops? number
---@field fp64_tflops? number
---@field memory_gb? number
---@field memory_bandwidth_tbs? number
---@field interconnect_gbs? number
---@field tdp_w? number
---@field die_area_mm2? number
---@field figures table<string, cost.Figure>
---@field prices { kind: "rental"|"purchase", low: number, high: number, date: string, evidence: string, source: string, note: string? }[]
---@field released? string release date for the ownership method ("YYYY-MM-DD")
---@field owner_prices? { usd: number, date: string, basis: "chip"|"server", evidence: string, source: string }[] dated purchase prices per GPU cost.ownership uses (the earliest by default)

---A chip from the hardware catalog (case- and punctuation-insensitive name).
---@param name string
---@return cost.GPU
function cost.gpu(name) end

---Every chip in the catalog.
---@return cost.GPU[]
function cost.gpus() end

---@class cost.GPUDefinition
---@field name string
---@field vendor? string
---@field aliases? string[]
---@field market? "datacenter"|"consumer"
---@field launched? integer year, 1900…2200
---@field bf16_tflops? number
---@field fp16_tflops? number
---@field fp8_tflops? number
---@field int8_tops? number
---@field tf32_tflops? number
---@field fp64_tflops? number
---@field memory_gb number
---@field memory_bandwidth_tbs number
---@field interconnect_gbs? number
---@field interconnect? string
---@field tdp_w? number
---@field die_area_mm2? number
---@field source? string
---@field evidence? "P"|"S"|"E"
---@field notes? string

---Adds a chip for this script (validated).
---@param spec cost.GPUDefinition
---@return cost.GPU
function cost.define_gpu(spec) end

---@class cost.Model
---@field name string
---@field family? string
---@field kind "dense"|"moe"
---@field attention "MHA"|"GQA"|"MLA"
---@field layers integer
---@field hidden integer
---@field heads integer
---@field kv_heads integer
---@field head_dim integer
---@field ffn integer
---@field vocab integer
---@field context integer
---@field tied_embeddings boolean
---@field mtp_depth integer
---@field params number derived total parameters
---@field active_params number derived parameters per token
---@field embedding_params number
---@field mtp_params number
---@field kv_bytes_per_token_bf16 number
---@field moe? cost.MoE
---@field mla? cost.MLA
---@field published? { params: number?, active_params: number?, source: string, note: string? }

---A model preset.
---@param name string
---@return cost.Model
function cost.model(name) end

---Every model preset.
---@return cost.Model[]
function cost.models() end

---A mixture-of-experts layout: experts per MoE layer and how many a token uses.
---@class cost.MoE
---@field routed_experts integer 1…10^6
---@field shared_experts? integer 0…10^6 (default 0)
---@field active_experts integer routed experts per token, 1…10^6
---@field expert_ffn integer one expert's FFN width, 1…10^7
---@field dense_layers? integer leading layers with a dense FFN, 0…100000 (default 0)

---Multi-head latent attention (DeepSeek's MLA): the compressed ranks and head dimensions.
---@class cost.MLA
---@field q_lora_rank? integer 0…10^7 (default 0: queries not compressed)
---@field kv_lora_rank integer 1…10^7
---@field qk_nope_head_dim integer 0…10^6
---@field qk_rope_head_dim integer 0…10^6
---@field v_head_dim integer 1…10^6

---A model for `cost.define_model`: its parameter counts are derived from the architecture.
---@class cost.ModelDefinition
---@field name string
---@field layers integer 1…100000
---@field hidden integer 1…10^7
---@field heads integer 1…10^6
---@field kv_heads? integer 1…10^6 (default heads)
---@field head_dim? integer 1…10^6 (default hidden / heads)
---@field ffn integer 1…10^7
---@field vocab integer 1…10^8
---@field tied_embeddings? boolean
---@field context? integer 1…10^8
---@field family? string
---@field aliases? string[]
---@field mtp_depth? integer multi-token prediction modules, 0…1000
---@field moe? cost.MoE
---@field mla? cost.MLA

---Adds a model for this script (validated: each range is in cost.ModelDefinition).
---@param spec cost.ModelDefinition
---@return cost.Model
function cost.define_model(spec) end

---@class cost.TrainingStage
---@field name? string
---@field tokens? number up to 1e18
---@field flops? number up to 1e40
---@field gpu_hours? number up to 1e15
---@field mfu? number (0, 1]
---@field context? integer 1…10^8

---@class cost.TrainingInput
---@field model? string|cost.Model
---@field params? number up to 1e16
---@field active_params? number up to 1e16
---@field tokens? number up to 1e18
---@field flops? number up to 1e40
---@field flops_method? "6nd+attention"|"6nd"|"megatron"
---@field context? integer 1…10^8
---@field gpu string|cost.GPU
---@field gpus? integer 1…10^7
---@field precision? "fp64"|"tf32"|"bf16"|"fp16"|"fp8"|"int8"
---@field mfu? number (0, 1]
---@field gpu_hours? number up to 1e15
---@field goodput? number (0, 1]
---@field price_per_gpu_hour? number 0…1e9
---@field pue? number 1…100
---@field load? number (0, 1]
---@field grid_kg_co2_per_kwh? number 0…100
---@field tp? integer 1…65536
---@field pp? integer 1…65536
---@field ep? integer 1…65536
---@field zero? integer 0…3
---@field micro_batch? integer 1…65536
---@field recompute? "none"|"selective"|"full"
---@field stages? cost.TrainingStage[]

---@class cost.TrainingEstimate
---@field model? string
---@field gpu string
---@field precision string
---@field flops_method string
---@field params? number
---@field active_params? number
---@field tokens? number
---@field flops_per_token? number
---@field flops? number
---@field gpu_hours number
---@field days? number
---@field gpus? integer
---@field cost_usd? number
---@field mfu? number
---@field goodput number
---@field effective_tflops? number
---@field peak_tflops number
---@field gpu_hours_per_trillion_tokens? number
---@field energy_kwh? number
---@field co2_t? number
---@field memory_per_gpu_gb? number
---@field min_gpus? integer
---@field memory? { weights_gb: number, gradients_gb: number, optimizer_gb: number, activations_gb: number, total_gb: number, available_gb: number, fits: boolean }
---@field stages { name: string, tokens: number?, flops: number?, gpu_hours: number, reported: boolean, mfu: number?, effective_tflops: number?, cost_usd: number? }[]
---@field explain string

---Training compute, time, cost, energy and memory.
---@param input cost.TrainingInput
---@return cost.TrainingEstimate
function cost.training(input) end

---@class cost.InferenceInput
---@field model string|cost.Model
---@field gpu string|cost.GPU
---@field gpus_per_node? integer 1…65536
---@field precision? string
---@field kv_bytes? number up to 64
---@field batch? integer 1…10^7
---@field context? integer 1…10^8
---@field mfu? number (0, 1]
---@field bandwidth_efficiency? number (0, 1]
---@field price_per_gpu_hour? number 0…1e9
---@field prefill_tokens_per_s_per_node? number up to 1e15
---@field decode_tokens_per_s_per_node? number up to 1e15
---@field input_tokens? number up to 1e18
---@field output_tokens? number up to 1e18
---@field cache_hit? number [0, 1]
---@field hours? number up to 1e6
---@field nodes? number up to 1e9
---@field prices? cost.TokenPrices

---What a provider charges, USD per million tokens (input is the cache-miss price; a missing cache-hit price is it).
---@class cost.TokenPrices
---@field input_cache_hit? number 0…1e9
---@field input_cache_miss? number 0…1e9
---@field input? number 0…1e9
---@field output? number 0…1e9

---Serving throughput, unit costs and (with traffic) a serving period's economics.
---@param input cost.InferenceInput
---@return table
function cost.inference(input) end

---@class cost.SweepInput
---@field model? string
---@field params? number up to 1e16
---@field active_params? number up to 1e16
---@field tokens? number up to 1e18
---@field flops? number up to 1e40
---@field flops_method? "6nd+attention"|"6nd"|"megatron"
---@field context? integer 1…10^8
---@field goodput? number (0, 1]
---@field gpu string|string[]
---@field gpus integer|integer[] each 1…10^7
---@field mfu number|number[] each (0, 1]
---@field price number|number[] USD per GPU-hour, each 0…1e9
---@field precision? string

---Every combination of gpu × gpus × mfu × price as columns (r.n rows); at most 10^7 combinations.
---@param input cost.SweepInput
---@return { n: integer, flops: number, gpu: string[], gpus: number[], mfu: number[], price: number[], gpu_hours: number[], days: number[], cost_usd: number[] }
function cost.sweep(input) end

---A run valued as its owner pays for it; each input defaults from aikit's dated catalogs (Epoch AI's method,
---arXiv 2405.21015) and every value used is listed in the result's `assumptions`.
---@class cost.OwnershipInput
---@field gpu string|cost.GPU
---@field price? number USD per GPU, 0…1e9 (a card's price unless price_basis = "server")
---@field price_basis? "chip"|"server"
---@field price_source? string
---@field price_evidence? "P"|"S"|"E"
---@field server_factor? number chip → server cost, 1…100 (Epoch: A100 1.66, V100 1.69, others 1.64)
---@field acquired? string "YYYY-MM-DD": when the owner had the hardware (default: release + 90 days, or the price's date)
---@field start? string "YYYY-MM-DD": training start (default: the acquisition date)
---@field tdp_kw? number kW per chip, up to 100
---@field power_multiplier? number chip → server power, 1…100
---@field load? number average power / TDP, (0, 1] (GPUs 0.75, TPUs 0.43)
---@field pue? number 1…100 (1.25; hyperscalers 1.1)
---@field energy_price? number USD per kWh, 0…100 (default: US industrial price in the start's year)
---@field depreciation? number orders of magnitude per year, 0…10 (0.14)
---@field chips? integer 1…10^7
---@field chip_hours? number up to 1e15
---@field hours? number wall-clock hours, up to 1e6 (× chips)
---@field flops? number up to 1e40 (with utilization)
---@field utilization? number (0, 1] (median 0.375)
---@field precision? "fp64"|"tf32"|"bf16"|"fp16"|"fp8"|"int8"
---@field development_multiplier? number total development / final-run compute, 1…100 (1.2–4, median 2.2)

---@class cost.Assumption
---@field name string
---@field value string
---@field source string
---@field evidence? string

---@class cost.Ownership
---@field gpu string
---@field chips? integer
---@field chip_hours number
---@field price number
---@field price_basis string
---@field server_price_usd number
---@field server_factor number
---@field acquired string
---@field start string
---@field years number
---@field depreciation number
---@field start_value_usd number
---@field chips_usd number
---@field server_usd number
---@field interconnect_usd number
---@field energy_usd number
---@field total_usd number
---@field per_chip_hour_usd number
---@field cluster_acquisition_usd? number
---@field energy_mwh number
---@field power_mw? number cluster power at full TDP (with server overhead and PUE)
---@field annual_energy_gwh? number the cluster's energy in a year at the average load
---@field tdp_kw number
---@field power_multiplier number
---@field load number
---@field pue number
---@field energy_price number
---@field development_usd { low: number, median: number, high: number, with_staff_low: number, with_staff_high: number }
---@field assumptions cost.Assumption[]
---@field explain string

---What a run costs its owner: amortized chips, rest of server, interconnect and energy (Epoch AI's method), the
---cluster's acquisition cost, energy in MWh and power in MW. A chip without a catalogued price needs `price`.
---@param input cost.OwnershipInput
---@return cost.Ownership
function cost.ownership(input) end

---@class cost.OwnershipSweepInput
---@field gpu string|string[]
---@field chips? integer 1…10^7
---@field chip_hours? number up to 1e15
---@field hours? number up to 1e6 (× chips)
---@field price? number|number[] USD per GPU, each 0…1e9 (default: each chip's catalogued price)
---@field price_basis? "chip"|"server"
---@field depreciation? number|number[] OOM per year, each 0…10 (0.14)
---@field years? number|number[] from acquisition to the training start, each 0…100 (0)
---@field energy_price? number|number[] USD per kWh, each 0…100 (the catalog's, for the acquisition year)
---@field acquired? string "YYYY-MM-DD"
---@field pue? number 1…100
---@field load? number (0, 1]

---Every combination of gpu × price × depreciation × years × energy_price of one run's owner cost, as columns (r.n
---rows); at most 10^7 combinations.
---@param input cost.OwnershipSweepInput
---@return { n: integer, chip_hours: number, gpu: string[], price: number[], depreciation: number[], years: number[], energy_price: number[], hardware_usd: number[], energy_usd: number[], total_usd: number[] }
function cost.ownership_sweep(input) end

---@class cost.GPUHourInput
---@field gpu string|cost.GPU
---@field price? number as in cost.OwnershipInput, 0…1e9
---@field price_basis? "chip"|"server"
---@field price_source? string
---@field price_evidence? "P"|"S"|"E"
---@field server_factor? number 1…100
---@field acquired? string "YYYY-MM-DD"
---@field start? string "YYYY-MM-DD": the date the hour is valued at
---@field tdp_kw? number up to 100
---@field power_multiplier? number 1…100
---@field load? number (0, 1]
---@field pue? number 1…100
---@field energy_price? number USD per kWh, 0…100
---@field depreciation? number OOM per year, 0…10
---@field utilization? number share of hours in use, (0, 1] (1)
---@field datacenter_usd_per_kw_year? number 0…1e7 (not included unless given)
---@field rental? number USD per GPU-hour to compare with, 0…1e9 (default: the catalog's rental prices)

---@class cost.GPUHour
---@field gpu string
---@field hardware_usd number
---@field energy_usd number
---@field datacenter_usd? number
---@field total_usd number
---@field utilization number
---@field start_value_usd number
---@field rentals { low: number, high: number, label: string }[]
---@field assumptions cost.Assumption[]
---@field explain string

---An owner's cost of one used GPU-hour (hardware, energy, data centre) beside rental prices.
---@param input cost.GPUHourInput
---@return cost.GPUHour
function cost.gpu_hour(input) end

-- compliance ---------------------------------------------------------------------------------------------------------

---@class compliance
compliance = {}

---A chip described by its specifications rather than named from the catalog (`chip = { … }`): TPP is given, or
---derived as the highest of each peak × its bit width.
---@class compliance.ChipSpec
---@field name? string
---@field vendor? string
---@field tpp? number total processing performance (TPP), if known
---@field fp64_tflops? number
---@field tf32_tflops? number
---@field bf16_tflops? number
---@field fp16_tflops? number
---@field fp8_tflops? number
---@field int8_tops? number
---@field die_area_mm2? number for performance density (TPP / die area)
---@field interconnect_gbs? number I/O (chip-to-chip) bandwidth, GB/s
---@field memory_bandwidth_tbs? number
---@field datacenter? boolean designed or marketed for data centres

---@class compliance.Classification
---@field item string
---@field date string
---@field eccn? string
---@field controlled boolean
---@field determined boolean
---@field tpp? number
---@field tpp_basis? string
---@field pd? number
---@field die_area_mm2? number
---@field rule? string
---@field reasons string[]
---@field citations string[]
---@field missing string[]

---Export classification of a chip on a date.
---@param input { chip: string|compliance.ChipSpec, date: string }
---@return compliance.Classification
function compliance.classify(input) end

---@class compliance.Question
---@field chip? string|compliance.ChipSpec
---@field item? string|table
---@field model_training_ops? number
---@field published_weights? boolean
---@field destination string ISO code or name
---@field date? string YYYY-MM-DD
---@field end_user? string the counterparty (screened, and its owners read for the Affiliates Rule)
---@field party? string the same as end_user
---@field end_user_hq? string
---@field exported_from? string

---@class compliance.Determination
---@field item string
---@field destination string
---@field iso2 string
---@field date string
---@field eccn? string
---@field controlled boolean
---@field license_required boolean
---@field policy? string
---@field exceptions string[]
---@field status string
---@field rule? string
---@field reasons string[]
---@field citations string[]
---@field notes string[]
---@field missing string[]
---@field trace { rule: string, title: string, kind: string, status: string, matched: boolean|"unknown", reasons: string[], citation: string, evidence: string }[]
---@field end_user_match? table
---@field ownership? compliance.Ownership when a rule on ownership (the Affiliates Rule) asked
---@field data_sets string[] the data sets the answer was made from, with their as-of dates

---@class compliance.Ownership
---@field verdict "listed"|"covered"|"not covered"|"undetermined"
---@field percent number known stakes held by listed or covered owners
---@field explanation string the path: "'X' is 55% owned by listed or covered parties: Huawei … 30% (…) + …"
---@field listed_owners string[]

---Licence requirement, policy, exceptions and status, with the trace of every rule considered.
---@param question compliance.Question
---@return compliance.Determination
function compliance.check(question) end

---What changed between two dates, or (with data_set) between the answer without and with a data set loaded by
---compliance.load, and which rules changed it.
---@param question compliance.Question|{ from: string?, to: string?, data_set: string? }
---@return { changes: string[], rules: { rule: string, change: string, citation: string }[], from: compliance.Determination, to: compliance.Determination }
function compliance.diff(question) end

---The answer over time.
---@param question compliance.Question|{ from: string?, to: string? }
---@return { from: string, to: string?, eccn: string?, license_required: boolean, policy: string?, status: string, rule: string?, exceptions: string[], notes: string[] }[]
function compliance.timeline(question) end

---Rules current on a date (all rules without a date).
---@param input? { date: string? }
---@return { id: string, title: string, kind: string, status: string?, effective: string?, evidence: string, citations: string[], explanation: string }[]
function compliance.rules(input) end

---Restricted-party screening.
---@param name string
---@param opts? { date: string?, country: string?, threshold: number? }
---@return { name: string, score: number, matched: string, list: string, listed_on: string?, removed_on: string?, federal_register_notice: string?, countries: string[], evidence: string, reasons: string[] }[]
function compliance.screen(name, opts) end

---Adds a Consolidated Screening List export (JSON or CSV) to this script's party store; returns the count.
---Plugins need the "read" permission for the file's folder (their own folder is readable without it).
---@param path string
---@return integer
function compliance.import_parties(path) end

---Adds one ownership edge (owner holds percent of owned, from/until dates; percent nil = unknown size); returns
---the number of edges.
---@param edge { owner: string, owned: string, percent?: number, from?: string, until?: string, source?: string, evidence?: "P"|"S"|"U" }
---@return integer
function compliance.add_ownership(edge) end

---Adds ownership edges from a CSV (owner,owned,percent,from,until,source) or OpenSanctions FollowTheMoney JSON-lines
---file; edges naming entities the file does not describe are skipped, cycles and stakes over 100% reported.
---Plugins need the "read" permission for the file's folder (their own folder is readable without it).
---@param path string
---@return { edges: integer, format: string, skipped: string[], problems: string[] }
function compliance.import_ownership(path) end

---Whether an entity is covered through its owners on a date (50% or more held by listed or covered parties).
---@param name string
---@param opts? { date: string? }
---@return compliance.Ownership
function compliance.ownership(name, opts) end

---@class compliance.DataSet
---@field name string
---@field kind "rules"|"parties"|"ownership"|"news"
---@field as_of? string
---@field source string
---@field records integer

---Loads a data set into this script's engine: a rule pack ({"as_of": …, "rules": […]}), a Consolidated Screening
---List export (JSON or CSV) or an ownership file (CSV or FollowTheMoney JSON lines), detected from the content.
---Plugins need the "read" permission for the file's folder (their own folder is readable without it).
---@param path string
---@param opts? { name: string?, as_of: string? }
---@return compliance.DataSet
function compliance.load(path, opts) end

---The data sets answers are made from: bundled, stored (aikit compliance update), then loaded.
---@return compliance.DataSet[]
function compliance.data_sets() end

---Adds or replaces rules given in the rules.json format; returns the number of rules.
---@param json string
---@param origin? string
---@return integer
function compliance.add_rules(json, origin) end

---A country with its export-control group memberships.
---@param name string ISO code or name
---@param date? string
---@return { iso2: string, name: string, aliases: string[], groups: { group: string, from: string?, ["until"]: string?, evidence: string, source: string, note: string? }[] }
function compliance.country(name, date) end

-- chart ---------------------------------------------------------------------------------------------------------------

---@class chart
chart = {}

---A line chart as SVG: series over shared x labels, with event markers. `false` in values leaves a gap, and so do
---values that are not finite or beyond ±1e300 (counted in a note). width and height 1…100000. Labels are measured
---and placed so none collides (x labels thinned or upright when crowded). Also returns the data as CSV.
---@param spec { title: string?, x: (string|number)[], series: { name: string?, values: (number|false)[] }[], markers: { x: string, label: string? }[]?, x_label: string?, y_label: string?, width: number?, height: number? }
---@return string svg
---@return string csv
function chart.line(spec) end

---A horizontal bar chart as SVG; values that are not finite or beyond ±1e300 get no bar (counted in a note).
---`low`/`high` draw each bar's interval as whiskers (false for none; the interval must contain the value);
---`highlight` lists labels drawn in the contrast colour with bold labels; `prefix` ("$") and `unit` ("%") frame the
---value labels. Also returns the data as CSV.
---@param spec { title: string?, labels: string[], values: number[], low: (number|false)[]?, high: (number|false)[]?, highlight: string[]?, unit: string?, prefix: string?, subtitle: string?, width: number? }
---@return string svg
---@return string csv
function chart.bar(spec) end

---Horizontal bars of named segments (values ≥ 0) as SVG: each bar's total beyond it, segment values inside where
---they fit, a wrapping legend. Also returns the data as CSV.
---@param spec { title: string?, labels: string[], segments: { name: string?, values: number[] }[], colors: table<string, string>?, unit: string?, prefix: string?, subtitle: string?, width: number? }
---@return string svg
---@return string csv
function chart.stacked(spec) end

---A categorical heatmap as SVG (e.g. chip × date export status), one colour per category, with a legend; cells name
---their category where it fits. Also returns the data as CSV.
---@param spec { title: string?, rows: string[], columns: string[], cells: string[][], colors: table<string, string>?, width: number? }
---@return string svg
---@return string csv
function chart.heatmap(spec) end

---A terminal sparkline ("▁▂▄█").
---@param values number[]
---@return string
function chart.spark(values) end

---One self-contained HTML page (print and dark-mode styles; Federal Register citations linked) from blocks: headings,
---paragraphs, lists, preformatted text, charts (`csv` adds a download link, `name` its file name), tables from Lua
---values (`table = {columns=, rows=, formats=}`; `false` for a missing cell) or frames (`frame = f`), both through
---`Frame.html`; `formats` maps columns to printf formats like "%+.2f%%". With `path`, also written to that file
---(atomically); with `pdf`, printed to that file by headless Chromium (`paper` A4 or Letter; AIKIT_CHROMIUM or
---chromium on PATH). Plugins need the "write" permission for the files' folder, and "exec" for `pdf`.
---@param spec { title: string?, path: string?, pdf: string?, paper: ("A4"|"Letter")?, blocks: ({ heading: string }|{ text: string }|{ list: string[] }|{ pre: string }|{ svg: string, csv: string?, name: string? }|{ table: { columns: string[], rows: (string|number|false)[][], formats: table<string, string>? } }|{ frame: Frame, formats: table<string, string>?, max_rows: integer? })[] }
---@return string html
function chart.report(spec) end

---Writes a chart's SVG (or any text, such as its CSV) to `path`, atomically, and returns the path. Plugins need the
---"write" permission for the file's folder.
---@param svg string
---@param path string
---@return string
function chart.save(svg, path) end
