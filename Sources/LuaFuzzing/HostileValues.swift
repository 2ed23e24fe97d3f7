internal import Randomness

/// Lua expressions for hostile values. The prelude of every fuzz script (`FuzzScript`) defines `TMP` (a scratch
/// folder), `deep(n)`, `cyclic()`, `biglist(n, v)` and `O` (one object of each class: `O.Frame`, …).
enum HostileValues {
    /// Extreme numbers: what a mutation puts where a number belongs.
    static let numbers = [
        "0/0", "math.huge", "-math.huge", "1e308", "-1e308", "0", "-0.0", "-1", "2^53", "2^63", "-2^63",
        "math.maxinteger", "math.mininteger", "(1 << 32)", "(1 << 62)", "1e300", "-1e300", "5e-324", "0.5", "1e18",
        "1e19", "1e15", "65537", "(1 << 31)", "-(1 << 40)", "1e-300", "100001", "10000001", "-2^53",
    ]
    /// Ordinary numbers, so that the other arguments of a call pass their checks.
    static let plainNumbers = ["1", "2", "8", "0.4", "0.9", "100", "2048", "1e12", "7e9", "3"]
    static let plainIntegers = ["1", "2", "4", "8", "16", "64", "2048", "5"]
    static let plainStrings = ["'x'", "'NVDA'", "'close'", "'2025-01-27'", "'H800'", "'mean'", "'a'"]
    static let strings =
        [
            "''", "'x'", "string.rep('x', 1 << 20)", "'\\0'", "'\\xff\\xfe\\x80'", "'nan'", "'-1'", "'1e308'",
            "'%s%d%n'",
            "('a'):rep(300)", "' '", "'\\n'", "'2025-13-45'", "'9999-12-31'", "'0000-01-01'", "'1e999'", "'inf'",
            "'H800'", "'NVDA'", "'DeepSeek-V3'", "'China'", "'2025-01-27'", "'close'", "'mean'", "'{'", "'[]'",
        ] + markup
    /// Markup that tries to leave its field (a chart label, a colour, a report block): charts escape it, colours and
    /// raw SVG blocks refuse it.
    static let markup = [
        #"[==[#0a0"/><foreignObject><iframe src="file:///etc/passwd"/></foreignObject><script>x()</script>]==]"#,
        "[==[</title></text><script>x()</script>]==]", "[==[<svg onload=\"x()\">]==]", "[==[&e;<!DOCTYPE x>]==]",
        "[==[]]><![CDATA[<script>]==]", "[==[' onmouseover='x()]==]", "[==[url(http://127.0.0.1:9/x)]==]",
    ]
    static let tables = [
        "{}", "{1, 2, 3}", "deep(300)", "cyclic()", "biglist(100000, 1)", "biglist(10, 0/0)", "{[1] = 1, [3] = 3}",
        "{x = 1}", "{[true] = 1}", "{[1.5] = 1}", "{[math.huge] = 1}", "{'a', 'b', 'c'}", "{{}}", "{{1}, {2}}",
        "setmetatable({}, {__index = function() error('boom') end})",
        "setmetatable({}, {__len = function() return math.maxinteger end})",
        "{n = -1, [-1] = 1, [0] = 0}",
    ]
    static let others = [
        "nil", "true", "false", "print", "function() end", "function() error('boom') end",
        "coroutine.create(function() end)", "O.Frame", "O.Column", "O.MarketStore", "io.stdout",
    ]

    /// Any hostile value at all.
    static func any(_ rng: inout SeededRandom) -> String {
        switch rng.next() % 4 {
        case 0: rng.pick(numbers)
        case 1: rng.pick(strings)
        case 2: rng.pick(tables)
        default: rng.pick(others)
        }
    }

    /// Paths stay inside the scratch folder: nothing outside it is read or written.
    static let paths = [
        "TMP .. '/bars.csv'", "TMP .. '/bad.csv'", "TMP .. '/store.sqlite'", "TMP .. '/missing/x.csv'", "TMP",
        "TMP .. '/out.csv'", "TMP .. '/\\0x'", "TMP .. '/' .. string.rep('n', 300)", "TMP .. '/parties.json'",
        "{TMP .. '/bars.csv', TMP .. '/bad.csv'}", "{}",
    ]

    /// Fields that start another program (`chart.report{pdf=}` runs Chromium): always nil, as `os.execute` is never
    /// called; the fuzzer looks for traps in aikit, and a browser's time on hostile pages is not aikit's (the PDF
    /// tests cover that field, its errors and its time limit).
    static func startsAProgram(_ name: String) -> Bool { name == "pdf" }

    /// Names whose values must be paths (never a real location outside the scratch folder).
    static func isPath(_ name: String) -> Bool { name == "path" || name == "paths" || name.hasSuffix("_path") }

    /// Plausible values by parameter or field name, so calls get past the first check and reach the arithmetic
    /// (a fuzzer's dictionary; the names are the API's, the values the catalogs').
    static let dictionary: [String: [String]] = [
        "gpu": ["'H800'", "'H100'", "'Ascend 910B'", "'B200'"],
        "model": ["'DeepSeek-V3'", "'Llama 3.1 8B'", "'Llama 2 70B'"],
        "chip": ["'H100'", "'H20'", "'A100'", "{name = 'X', bf16_tflops = 1e300, die_area_mm2 = 0}"],
        "item": ["'H100'", "'H20'"], "destination": ["'China'", "'CN'", "'Germany'"],
        "date": ["'2025-01-27'", "'2023-10-17'"], "from": ["'2024-12-02'", "'2025-01-01'"],
        "to": ["'2025-02-28'", "'2026-01-01'"], "event": ["'2025-01-27'"], "at": ["'2025-01-27'"],
        "symbols": ["'NVDA'", "{'NVDA', 'SPY'}"], "symbol": ["'NVDA'"], "benchmark": ["'SPY'"],
        "column": ["'close'", "'return'", "'volume'"], "statistic": ["'mean'", "'std'"], "period": ["'week'"],
        "precision": ["'bf16'", "'fp8'"], "json": ["'[]'", "'{\"rules\": []}'"], "id": ["'gpu_price'"],
        "name": ["'NVDA'", "'X'", "'H800'"], "country": ["'CN'"], "mfu": ["0.4", "0.35"],
        "tokens": ["1e12", "14.8e12"],
        "gpus": ["2048", "8", "{8, 2048}"], "params": ["7e9", "671e9"], "price": ["2", "{1, 2}"],
        "price_per_gpu_hour": ["2"], "gpu_hours": ["2.788e6"], "values": ["{1, 2, 3}", "{1, false, 3}"],
        "x": ["{'a', 'b', 'c'}"], "labels": ["{'a', 'b', 'c'}"], "n": ["5", "2"], "window": ["{-5, 5}", "5"],
        "layers": ["61", "32"], "hidden": ["7168", "4096"], "heads": ["128", "32"], "ffn": ["18432", "14336"],
        "vocab": ["129280", "128256"], "goodput": ["0.9"], "load": ["0.75"], "pue": ["1.2"], "zero": ["1", "3"],
        "tp": ["8", "1"], "pp": ["16", "1"], "ep": ["64", "1"], "micro_batch": ["1"], "context": ["4096", "32768"],
        "batch": ["64"], "kv_bytes": ["2"], "bandwidth_efficiency": ["0.7"], "cache_hit": ["0.5"], "hours": ["24"],
        "nodes": ["226.75"], "gpus_per_node": ["8"], "input_tokens": ["608e9"], "output_tokens": ["168e9"],
        "bf16_tflops": ["989"], "memory_gb": ["80"], "memory_bandwidth_tbs": ["3.35"], "kv_heads": ["8"],
        "routed_experts": ["256"], "active_experts": ["8"], "expert_ffn": ["2048"], "kv_lora_rank": ["512"],
        "qk_nope_head_dim": ["128"], "qk_rope_head_dim": ["64"], "v_head_dim": ["128"], "depth": ["2"],
        "indent": ["2"], "width": ["80", "760"], "max_items": ["5"], "threshold": ["0.8"], "base": ["100"],
        "tolerance": ["86400"], "max_rows": ["5"], "flops": ["3.8e24"], "grid_kg_co2_per_kwh": ["0.5"],
        "colors": [#"{x = [==[#0a0"/><script>x()</script>]==]}"#, "{a = 'teal', b = '#123', c = '#0072B2'}"],
        "svg": [
            #"[==[<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>]==]"#,
            #"[==[<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1" fill="url(#g)"/></svg>]==]"#,
            #"[==[<svg><text>&amp;&#60;&unknown;</text></svg>]==]"#,
        ],
    ]
}
