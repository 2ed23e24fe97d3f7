/// Opens the store a location names: a PostgreSQL connection string (`postgresql://…`, `pg:host=… dbname=…`, or
/// `host=… dbname=…` as libpq parses it; see `PostgresLocation`) or a SQLite file path (created when missing).
public enum MarketStores {
    public static func open(_ location: String) throws(StoreError) -> any MarketStore {
        if PostgresMarketStore.accepts(location) { return try PostgresMarketStore(location: location) }
        return try SQLiteMarketStore(path: location)
    }
}
