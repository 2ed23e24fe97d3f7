/// The Lua text a fuzz child runs: a prelude (scratch folder, helpers, one object per class), then each call under
/// `pcall`, announced on standard error first (`@fuzz N`), so a child that dies names the call it died in; at the end
/// `@fuzz done R` counts the calls that returned without a Lua error.
public enum FuzzScript {
    /// The class objects methods are called on, and how the prelude makes them.
    static let objects: [String: String] = [
        "MarketStore": "market.sample()",
        "Frame": "O.MarketStore:bars{symbols = {'NVDA', 'SPY'}}:returns()",
        "Column": "O.Frame:col('close')",
        "GroupBy": "O.Frame:groupby('symbol')",
    ]

    static let prelude = """
        local TMP = assert(arg[1], "the scratch folder is the first argument")
        local function deep(n) local t = {} for _ = 1, n do t = {t} end return t end
        local function cyclic() local t = {1, 2} t.self = t t[3] = t return t end
        local function biglist(n, v) local t = {} for i = 1, n do t[i] = v end return t end
        O = {}
        O.MarketStore = \(objects["MarketStore"]!)
        O.Frame = \(objects["Frame"]!)
        O.Column = \(objects["Column"]!)
        O.GroupBy = \(objects["GroupBy"]!)
        local returned = 0
        local function try(i, f)
          io.stderr:write("@fuzz ", i, "\\n")
          if pcall(f) then returned = returned + 1 end
        end

        """

    /// The script running `calls` (numbered from `first`).
    public static func text(_ calls: [String], first: Int = 0) -> String {
        var out = prelude
        for (offset, call) in calls.enumerated() {
            out += "try(\(first + offset), function() return \(call) end)\n"
        }
        return out + "io.stderr:write('@fuzz done ', returned, '\\n')\n"
    }

    /// Files the calls may read, written to the scratch folder before the run.
    public static let files: [String: String] = [
        "bars.csv":
            "Date,Open,High,Low,Close,Adj Close,Volume\n2025-01-24,1,2,0.5,1.5,1.5,100\n2025-01-27,1.5,1.6,1,1.2,1.2,200\n",
        "bad.csv": "Date,Open,High,Low,Close,Adj Close,Volume\n2025-01-24,nan,1e308,-1e308,1,1,-5\n\"unclosed,1\n",
        "parties.json":
            "{\"results\": [{\"name\": \"X\", \"source\": \"Entity List\", \"addresses\": [{\"country\": \"CN\"}]}]}",
    ]
}
