internal import CPostgres

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which store locations name a PostgreSQL database rather than a SQLite file, and the libpq connection string each
/// names. Deciding by substring (`host=` anywhere) took a path such as `/data/host=a/market.sqlite` for a server.
enum PostgresLocation {
    /// The explicit prefix: `pg:` followed by any libpq connection string (`pg:host=db dbname=market`).
    static let prefix = "pg:"

    /// The connection string `location` names, or nil when it is a file path:
    /// - a `postgresql://…` or `postgres://…` URI;
    /// - `pg:` and a connection string (the explicit form, never a path);
    /// - a bare `keyword=value …` string that libpq parses (`PQconninfoParse`: every word a known connection keyword,
    ///   as in `host=db.internal dbname=market`), unless a file of that name exists. So `data/host=a/m.sqlite` is a
    ///   path (`data/host` is no keyword), and `./host=x` names a file called `host=x`. Only this case loads libpq.
    static func conninfo(_ location: String) -> String? {
        if location.hasPrefix("postgresql://") || location.hasPrefix("postgres://") { return location }
        if location.hasPrefix(prefix) { return String(location.dropFirst(prefix.count)) }
        // A cheap look before asking libpq: the first word starts `keyword=`, and no file has this name.
        guard let equals = location.firstIndex(of: "="), equals != location.startIndex,
            location[..<equals].allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_") }), access(location, F_OK) != 0
        else { return nil }
        // Without libpq there is no parser to ask: the string is taken for a connection string, and opening it then
        // says that libpq5 is missing (rather than creating a SQLite file named `host=… dbname=…`).
        if PostgresConnection.loadLibpq() != nil { return location }
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(location, &error) else {
            if let error { PQfreemem(error) }
            return nil
        }
        PQconninfoFree(options)
        return location
    }
}
