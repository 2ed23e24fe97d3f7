import MarketData

/// Store locations as given by a user (`market.open(path)`, `--db`, `AIKIT_DB`) made safe to open.
public enum StorePath {
    /// A bare file name gets the current folder spelt out ("y" → "./y"): Foundation's `deletingLastPathComponent`,
    /// which the SQLite store uses to create the folder, traps on a one-character relative path (found by the Lua
    /// fuzzer as `market.open(0)`). Absolute and folder-relative paths, `:memory:` and PostgreSQL connection strings
    /// are unchanged.
    public static func openable(_ path: String) -> String {
        guard !path.isEmpty, !path.contains("/"), path != ":memory:", !PostgresMarketStore.accepts(path) else {
            return path
        }
        return "./" + path
    }
}
