public import Frames

/// A frame's columns as plain arrays for `#expect` comparisons (the frame and importer tests share them).
extension Frame {
    /// The named numeric column as doubles; empty when there is no such column or it is not numeric.
    public func doubleColumn(_ name: String) -> [Double] { (try? doubles(name)) ?? [] }

    /// The named column's values as strings (empty strings for non-string columns); empty when there is none.
    public func stringColumn(_ name: String) -> [String] {
        guard let column = self[name] else { return [] }
        return (0..<column.count).map { column.string(at: $0) ?? "" }
    }
}
