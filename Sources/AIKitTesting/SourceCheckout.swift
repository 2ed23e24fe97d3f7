internal import ResourceLocation

/// The source checkout the running test or benchmark binary was built in (`.build/<triple>/<config>/` is inside it),
/// found by walking up from the executable as `ResourceLocator` does, never through the source path compiled in: the
/// fixtures, workloads and helper scripts the tests and benchmarks read from the tree.
public enum SourceCheckout {
    /// The checkout's root (the folder holding Package.swift), or nil for a binary outside any checkout.
    public static let root: String? = ResourceLocator.currentExecutable().flatMap {
        ResourceLocator.checkoutRoot(above: $0)
    }

    /// `relative` (e.g. `Benchmarks/workloads/empty.lua`) in the checkout.
    /// - Throws: `SourceCheckoutMissing` when the binary is not inside a checkout.
    public static func path(_ relative: String) throws(SourceCheckoutMissing) -> String {
        guard let root else { throw SourceCheckoutMissing(relative: relative) }
        return root + "/" + relative
    }
}

/// A test or benchmark binary run from outside the checkout it was built in.
public struct SourceCheckoutMissing: Error, CustomStringConvertible {
    public let relative: String
    public var description: String {
        "cannot find \(relative): this binary is not inside the source checkout it was built in (run it from "
            + ".build/<config>/ of the checkout)"
    }
}
