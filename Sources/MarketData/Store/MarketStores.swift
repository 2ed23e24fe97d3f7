/// Opens the store a location names: a PostgreSQL connection string (`postgresql://…`, `host=… dbname=…`) or a
/// SQLite file path (created when missing).
public enum MarketStores {
    public static func open(_ location: String) throws(StoreError) -> any MarketStore {
        if PostgresMarketStore.accepts(location) { return try PostgresMarketStore(conninfo: location) }
        return try SQLiteMarketStore(path: location)
    }
}
