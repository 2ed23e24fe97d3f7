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

---Stable sort by the named columns.
---@param ... string
---@return Frame
function Frame:sort(...) end

---@param opts { symbols?: string|string[], from?: market.Time, to?: market.Time }
---@return Frame
function Frame:filter(opts) end

---Adds or replaces a column.
---@param name string
---@param values Column|any[]
---@return Frame
function Frame:with(name, values) end

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

---An aligned table of at most `max_rows` rows.
---@param max_rows? integer default 40
---@return string
function Frame:show(max_rows) end

---One column of a Frame: `c[i]` (nil when missing), `#c`.
---@class Column
---@operator len: integer
local Column = {}

---The values as an array; missing values are false (chart.line draws them as gaps).
---@return any[]
function Column:totable() end

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

---The last value.
---@return any
function Column:last() end

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
---{to_compact}, {from_unix}, {to_unix}, {key}; its key is AIKIT_<NAME>_API_KEY). Plugins need the "net" permission.
---@param spec { name: string, title?: string, base_url: string, key_help?: string, calls_per_minute?: number, calls_per_day?: integer, datasets: table<string, { kind?: "bars"|"series"|"sectors"|"securities", summary?: string, url: string }> }
function market.register_provider(spec) end

---A Frame from equal-length lists; strings that all read as dates become a time column.
---@param columns table<string, any[]>
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
---@return { from: string, to: string?, eccn: string?, license_required: boolean, policy: string?, status: string, rule: string?, exceptions: string[] }[]
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
---@field kind "rules"|"parties"|"ownership"
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
