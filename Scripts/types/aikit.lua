---@meta aikit
-- LuaCATS annotations for aikit's Lua API (lua-language-server: add this folder to `workspace.library`).
-- A test (AIKitScriptingTests/AnnotationTests) fails when a registered function has no annotation here.

---@class aikit
---@field version string aikit's version
aikit = {}

---@class aikit.InspectOptions
---@field depth? integer tables nested deeper print as {...} (default 8)
---@field max_items? integer entries shown per table before "... (N more)" (default 50)
---@field indent? integer spaces per level (default 2)
---@field width? integer one-line form used when it fits (default 80)

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
---@field permissions? string[] "exec", "read:FOLDER", "write:FOLDER"
---@field commands? table<string, aikit.PluginCommand>
---@field setup? fun(ctx: { name: string, version: string, root: string?, permissions: string[] })

---Declares a plugin (the value a plugin file returns).
---@param declaration aikit.PluginDeclaration
---@return aikit.PluginDeclaration
function aikit.plugin(declaration) end

---Plugins found in ./Plugins, AIKIT_PLUGIN_PATH and ~/.config/aikit/plugins: `plugins.NAME.COMMAND(...)`.
---@type table<string, table<string, fun(...): ...any>>
plugins = {}

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
---@field launched? integer
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
---@field moe? { routed_experts: integer, shared_experts: integer, active_experts: integer, expert_ffn: integer, dense_layers: integer }
---@field mla? { q_lora_rank: integer, kv_lora_rank: integer, qk_nope_head_dim: integer, qk_rope_head_dim: integer, v_head_dim: integer }
---@field published? { params: number?, active_params: number?, source: string, note: string? }

---A model preset.
---@param name string
---@return cost.Model
function cost.model(name) end

---Every model preset.
---@return cost.Model[]
function cost.models() end

---Adds a model for this script (validated).
---@param spec { name: string, layers: integer, hidden: integer, heads: integer, kv_heads: integer?, head_dim: integer?, ffn: integer, vocab: integer, tied_embeddings: boolean?, context: integer?, family: string?, aliases: string[]?, mtp_depth: integer?, moe: table?, mla: table? }
---@return cost.Model
function cost.define_model(spec) end

---@class cost.TrainingStage
---@field name? string
---@field tokens? number
---@field flops? number
---@field gpu_hours? number
---@field mfu? number
---@field context? integer

---@class cost.TrainingInput
---@field model? string|cost.Model
---@field params? number
---@field active_params? number
---@field tokens? number
---@field flops? number
---@field flops_method? "6nd+attention"|"6nd"|"megatron"
---@field context? integer
---@field gpu string|cost.GPU
---@field gpus? integer
---@field precision? "fp64"|"tf32"|"bf16"|"fp16"|"fp8"|"int8"
---@field mfu? number
---@field gpu_hours? number
---@field goodput? number
---@field price_per_gpu_hour? number
---@field pue? number
---@field load? number
---@field grid_kg_co2_per_kwh? number
---@field tp? integer
---@field pp? integer
---@field ep? integer
---@field zero? integer
---@field micro_batch? integer
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
---@field gpus_per_node? integer
---@field precision? string
---@field kv_bytes? number
---@field batch? integer
---@field context? integer
---@field mfu? number
---@field bandwidth_efficiency? number
---@field price_per_gpu_hour? number
---@field prefill_tokens_per_s_per_node? number
---@field decode_tokens_per_s_per_node? number
---@field input_tokens? number
---@field output_tokens? number
---@field cache_hit? number
---@field hours? number
---@field nodes? number
---@field prices? { input_cache_hit: number?, input_cache_miss: number?, input: number?, output: number? }

---Serving throughput, unit costs and (with traffic) a serving period's economics.
---@param input cost.InferenceInput
---@return table
function cost.inference(input) end

---Every combination of gpu × gpus × mfu × price as columns (r.n rows).
---@param input { model: string?, params: number?, active_params: number?, tokens: number?, flops: number?, gpu: string|string[], gpus: integer|integer[], mfu: number|number[], price: number|number[], precision: string? }
---@return { n: integer, flops: number, gpu: string[], gpus: number[], mfu: number[], price: number[], gpu_hours: number[], days: number[], cost_usd: number[] }
function cost.sweep(input) end

-- compliance ---------------------------------------------------------------------------------------------------------

---@class compliance
compliance = {}

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
---@param input { chip: string|table, date: string }
---@return compliance.Classification
function compliance.classify(input) end

---@class compliance.Question
---@field chip? string|table
---@field item? string|table
---@field model_training_ops? number
---@field published_weights? boolean
---@field destination string ISO code or name
---@field date? string YYYY-MM-DD
---@field end_user? string
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

---Licence requirement, policy, exceptions and status, with the trace of every rule considered.
---@param question compliance.Question
---@return compliance.Determination
function compliance.check(question) end

---What changed between two dates and which rules changed it.
---@param question compliance.Question|{ from: string, to: string }
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
---@param path string
---@return integer
function compliance.import_parties(path) end

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

---A line chart as SVG: series over shared x labels, with event markers. `false` in values leaves a gap.
---@param spec { title: string?, x: (string|number)[], series: { name: string?, values: (number|false)[] }[], markers: { x: string, label: string? }[]?, x_label: string?, y_label: string?, width: number?, height: number? }
---@return string svg
function chart.line(spec) end

---A horizontal bar chart as SVG.
---@param spec { title: string?, labels: string[], values: number[], unit: string?, width: number? }
---@return string svg
function chart.bar(spec) end

---A categorical heatmap as SVG (e.g. chip × date export status), one colour per category, with a legend.
---@param spec { title: string?, rows: string[], columns: string[], cells: string[][], colors: table<string, string>?, width: number? }
---@return string svg
function chart.heatmap(spec) end

---A terminal sparkline ("▁▂▄█").
---@param values number[]
---@return string
function chart.spark(values) end

---One self-contained HTML page from headings, paragraphs, preformatted text and inline SVG charts.
---@param spec { title: string?, blocks: ({ heading: string }|{ text: string }|{ pre: string }|{ svg: string })[] }
---@return string html
function chart.report(spec) end
