/// The ranges the cost model accepts, by the field names of its inputs (the names the Lua API and the error
/// messages use). The estimators and the model catalog check them, so a direct Swift caller gets a thrown error
/// instead of an arithmetic trap or a run of minutes; the Lua bindings check the same table first, to name the
/// argument. The bounds are far beyond any real run (the largest clusters of 2025 have ~10^5 GPUs, the largest
/// models ~10^4 hidden, ~10^2 layers and ~10^13 parameters) and small enough that every product the formulas form
/// stays finite in `Double` and every integer product fits in `Int`.
public enum CostLimits {
    /// Integer inputs: counts of GPUs, parallel degrees, hyper-parameters.
    public static let integers: [String: ClosedRange<Int>] = [
        "gpus": 1...10_000_000, "tp": 1...65_536, "pp": 1...65_536, "ep": 1...65_536, "zero": 0...3,
        "micro_batch": 1...65_536, "context": 1...100_000_000, "batch": 1...10_000_000, "gpus_per_node": 1...65_536,
        "layers": 1...100_000, "hidden": 1...10_000_000, "heads": 1...1_000_000, "kv_heads": 1...1_000_000,
        "head_dim": 1...1_000_000, "ffn": 1...10_000_000, "vocab": 1...100_000_000, "mtp_depth": 0...1_000,
        "routed_experts": 1...1_000_000, "shared_experts": 0...1_000_000, "active_experts": 1...1_000_000,
        "expert_ffn": 1...10_000_000, "dense_layers": 0...100_000, "q_lora_rank": 0...10_000_000,
        "kv_lora_rank": 1...10_000_000, "qk_nope_head_dim": 0...1_000_000, "qk_rope_head_dim": 0...1_000_000,
        "v_head_dim": 1...1_000_000, "launched": 1900...2200, "chips": 1...10_000_000,
    ]

    /// Real-valued inputs (fractions such as `mfu` keep their own checks: (0, 1]).
    public static let numbers: [String: ClosedRange<Double>] = [
        "tokens": 0...1e18, "flops": 0...1e40, "params": 0...1e16, "active_params": 0...1e16, "gpu_hours": 0...1e15,
        "price_per_gpu_hour": 0...1e9, "price": 0...1e9, "grid_kg_co2_per_kwh": 0...100, "pue": 1...100,
        "kv_bytes": 0...64, "input_tokens": 0...1e18, "output_tokens": 0...1e18, "hours": 0...1e6, "nodes": 0...1e9,
        "prefill_tokens_per_s_per_node": 0...1e15, "decode_tokens_per_s_per_node": 0...1e15,
        "input_cache_hit": 0...1e9, "input_cache_miss": 0...1e9, "input": 0...1e9, "output": 0...1e9,
        "chip_hours": 0...1e15, "energy_price": 0...100, "server_factor": 1...100, "power_multiplier": 1...100,
        "tdp_kw": 0...100, "depreciation": 0...10, "development_multiplier": 1...100, "rental": 0...1e9,
        "datacenter_usd_per_kw_year": 0...1e7, "years": 0...100,
    ]

    /// Most rows one `TrainingSweep` makes (each row is seven columns, ~56 bytes): 10^7 rows are ~0.6 GB.
    public static let sweepRows = 10_000_000

    /// "tp: 4294967296 is out of range 1…65536", or nil when `value` is inside the range of `name` (or `name` has
    /// no range).
    public static func violation(_ name: String, _ value: Int) -> String? {
        guard let range = integers[name], !range.contains(value) else { return nil }
        return "\(name): \(value) is out of range \(range.lowerBound)…\(range.upperBound)"
    }

    /// The same for a real value; NaN and ±infinity are always out of range.
    public static func violation(_ name: String, _ value: Double) -> String? {
        guard let range = numbers[name] else {
            return value.isFinite ? nil : "\(name) must be a finite number, got \(value)"
        }
        guard !range.contains(value) else { return nil }
        return "\(name): \(NumberText.sig(value)) is out of range \(NumberText.sig(range.lowerBound))…"
            + NumberText.sig(range.upperBound)
    }

    /// Throws `CostModelError` for the first value out of range.
    static func check(_ values: [(String, Int?)], prefix: String = "") throws {
        for case (let name, let value?) in values {
            if let message = violation(name, value) { throw CostModelError(prefix + message) }
        }
    }

    static func check(_ values: [(String, Double?)], prefix: String = "") throws {
        for case (let name, let value?) in values {
            if let message = violation(name, value) { throw CostModelError(prefix + message) }
        }
    }
}
