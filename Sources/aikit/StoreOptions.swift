import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

/// `--db PATH`: the market store `market.open()` and `aikit import` use (else `AIKIT_DB`, else the XDG default).
struct StoreOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The market store: a SQLite file, or PostgreSQL as postgresql://… or pg:CONNINFO "
                + "(default: $AIKIT_DB or ~/.local/share/aikit/market.sqlite).",
            valueName: "PATH"),
        completion: .file())
    var db: String?

    /// Makes `--db` the default store of everything this process opens.
    func apply() { Self.apply(db) }

    /// Makes `db`, when given, the default store of everything this process opens.
    static func apply(_ db: String?) {
        if let db { setenv("AIKIT_DB", db, 1) }
    }
}
