/// A store's connection, as far as a transaction needs it: a statement run for its effect.
protocol StoreConnection: AnyObject {
    func run(_ sql: String) throws(StoreError)
}

extension StoreConnection {
    /// Runs `body` between `begin` and COMMIT. When anything throws (COMMIT too), ROLLBACK is run (its own failure
    /// ignored: the first error is the one to report) and the error passed on; `failure` turns the statements'
    /// `StoreError` into the body's error type (`{ $0 }` for a body that throws `StoreError` only).
    func transaction<T, Failure: Error>(
        _ begin: String, failure: (StoreError) -> Failure, _ body: () throws(Failure) -> T
    ) throws(Failure) -> T {
        do throws(StoreError) { try run(begin) } catch { throw failure(error) }
        do throws(Failure) {
            let result = try body()
            do throws(StoreError) { try run("COMMIT") } catch { throw failure(error) }
            return result
        } catch {
            try? run("ROLLBACK")
            throw error
        }
    }
}

extension SQLiteDatabase: StoreConnection {
    func run(_ sql: String) throws(StoreError) { try execute(sql) }
}

extension PostgresConnection: StoreConnection {
    func run(_ sql: String) throws(StoreError) { try execute(sql) }
}
