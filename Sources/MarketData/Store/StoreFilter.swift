/// How one store's SQL takes parameters: its placeholders, its values, and a list to match a column against.
protocol StoreDialect {
    associatedtype Value
    static func text(_ value: String) -> Value
    static func integer(_ value: Int64) -> Value
    /// The placeholder of parameter `number` (1-based).
    static func placeholder(_ number: Int) -> String
    /// A condition that `column` is one of `values`, whose parameters are appended to `parameters`.
    static func member(_ column: String, of values: [String], parameters: inout [Value]) -> String
}

/// SQLite: `?` placeholders, a list as `IN (?, ?, …)`.
enum SQLiteDialect: StoreDialect {
    static func text(_ value: String) -> SQLiteValue { .text(value) }
    static func integer(_ value: Int64) -> SQLiteValue { .integer(value) }
    static func placeholder(_ number: Int) -> String { "?" }
    static func member(_ column: String, of values: [String], parameters: inout [SQLiteValue]) -> String {
        parameters += values.map { .text($0) }
        return "\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ",")))"
    }
}

/// PostgreSQL: `$n` placeholders, a list as one text[] parameter.
enum PostgresDialect: StoreDialect {
    static func text(_ value: String) -> PostgresValue { .text(value) }
    static func integer(_ value: Int64) -> PostgresValue { .integer(value) }
    static func placeholder(_ number: Int) -> String { "$\(number)" }
    static func member(_ column: String, of values: [String], parameters: inout [PostgresValue]) -> String {
        parameters.append(.textArray(values))
        return "\(column) = ANY($\(parameters.count)::text[])"
    }
}

/// The conditions of a bar or sector query, written once for both stores (each in its own dialect): the values
/// travel as parameters, never in the SQL text.
struct StoreFilter<Dialect: StoreDialect> {
    private(set) var conditions: [String] = []
    private(set) var parameters: [Dialect.Value] = []

    /// The bar segments of `query`: its interval, its symbols, and those overlapping its time range.
    init(bars query: BarQuery) {
        add("interval", "=", Dialect.text(query.interval))
        if let symbols = query.symbols {
            conditions.append(Dialect.member("symbol", of: symbols, parameters: &parameters))
        }
        if let from = query.from { add("last_time", ">=", Dialect.integer(from)) }
        if let to = query.to { add("first_time", "<=", Dialect.integer(to)) }
    }

    /// The sector rows of `query`.
    init(sectors query: SectorQuery) {
        if let sectors = query.sectors {
            conditions.append(Dialect.member("sector", of: sectors, parameters: &parameters))
        }
        if let exchange = query.exchange { add("exchange", "=", Dialect.text(exchange)) }
        if let from = query.from { add("time", ">=", Dialect.integer(from)) }
        if let to = query.to { add("time", "<=", Dialect.integer(to)) }
    }

    private mutating func add(_ column: String, _ comparison: String, _ value: Dialect.Value) {
        parameters.append(value)
        conditions.append("\(column) \(comparison) \(Dialect.placeholder(parameters.count))")
    }

    /// The conditions joined with AND ("" for none).
    var sql: String { conditions.joined(separator: " AND ") }
    /// `WHERE` and the conditions, or "" for none.
    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + sql }
}
