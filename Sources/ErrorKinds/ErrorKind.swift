/// The kind of a domain's error (`StoreError.Kind`, `FrameError.Kind`, `ImportError.Kind`, `CatalogError.Kind`):
/// what tests and callers compare, never the message. A struct rather than an enum, so a kind can be added without
/// breaking code that switches over the existing ones; only the domain's own package makes kinds.
///
/// A domain declares `public typealias Kind = ErrorKind<TheError>` and its kinds as
/// `public static var name: Self { Self(#function) }` in an `extension ErrorKind where Domain == TheError`, so each
/// kind's description is its own name.
public struct ErrorKind<Domain>: Hashable, Sendable, CustomStringConvertible {
    /// The kind's name (`cannotOpen`).
    public let description: String

    package init(_ name: String) { description = name }
}
