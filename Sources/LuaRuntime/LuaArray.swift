/// The sequence part of a Lua table, `t[1..n]`, as a collection of `LuaValue`s.
///
/// A sequence of floats only, or of integers only — what numeric arrays from Lua are — is held as a column of plain
/// numbers: read from Lua and pushed back in bulk, with no `LuaValue` made per element unless one is asked for.
/// Any other sequence is an array of values. Equality and hashing are by elements, whatever the storage.
public struct LuaArray: Hashable, RandomAccessCollection, MutableCollection, RangeReplaceableCollection,
    ExpressibleByArrayLiteral
{
    enum Storage {
        case values([LuaValue])
        case floats([Double])
        case integers([Int64])
    }

    private(set) var storage: Storage

    public init() { storage = .values([]) }
    public init(_ values: [LuaValue]) { storage = .values(values) }
    public init(arrayLiteral elements: LuaValue...) { storage = .values(elements) }
    /// A sequence of floats (`.number` elements).
    public init(floats: [Double]) { storage = .floats(floats) }
    /// A sequence of integers (`.integer` elements).
    public init(integers: [Int64]) { storage = .integers(integers) }

    /// The elements as an array of values.
    public var values: [LuaValue] {
        switch storage {
        case .values(let values): values
        case .floats(let floats): floats.map { .number($0) }
        case .integers(let integers): integers.map { .integer($0) }
        }
    }

    /// The elements as numbers when every one is a float or every one an integer (held as a column), else nil.
    public var numbers: [Double]? {
        switch storage {
        case .values: nil
        case .floats(let floats): floats
        case .integers(let integers): integers.map { Double($0) }
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .values(let values): values.count
        case .floats(let floats): floats.count
        case .integers(let integers): integers.count
        }
    }
    public func index(after i: Int) -> Int { i + 1 }
    public func index(before i: Int) -> Int { i - 1 }

    public subscript(position: Int) -> LuaValue {
        get {
            switch storage {
            case .values(let values): values[position]
            case .floats(let floats): .number(floats[position])
            case .integers(let integers): .integer(integers[position])
            }
        }
        set {
            // A number of the column's kind is stored in place: emptying `storage` first leaves the bound array
            // the only owner of its buffer, so it is not copied.
            if case .number(let number) = newValue, case .floats(var floats) = storage {
                storage = .values([])
                floats[position] = number
                storage = .floats(floats)
            } else if case .integer(let number) = newValue, case .integers(var integers) = storage {
                storage = .values([])
                integers[position] = number
                storage = .integers(integers)
            } else {
                var values = takeValues()
                values[position] = newValue
                storage = .values(values)
            }
        }
    }

    public mutating func replaceSubrange<C: Collection>(_ subrange: Range<Int>, with newElements: C)
    where C.Element == LuaValue {
        var values = takeValues()
        values.replaceSubrange(subrange, with: newElements)
        storage = .values(values)
    }

    public mutating func reserveCapacity(_ n: Int) {
        var values = takeValues()
        values.reserveCapacity(n)
        storage = .values(values)
    }

    /// The elements as values, leaving the storage empty (so the caller holds the only reference).
    private mutating func takeValues() -> [LuaValue] {
        let values = self.values
        storage = .values([])
        return values
    }

    public static func == (lhs: LuaArray, rhs: LuaArray) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.values(let a), .values(let b)): a == b
        case (.floats(let a), .floats(let b)): a == b
        case (.integers(let a), .integers(let b)): a == b
        default: lhs.elementsEqual(rhs)
        }
    }

    /// As `[LuaValue]` hashes: the count, then each element.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for element in self { hasher.combine(element) }
    }
}
