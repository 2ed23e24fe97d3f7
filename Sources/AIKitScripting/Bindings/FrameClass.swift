import Frames
import LuaRuntime

/// A frame held by Lua.
final class FrameBox {
    let frame: Frame
    /// The frame's columns, counted against the script's memory limit while Lua holds the frame.
    let memory: ExternalMemory?

    init(_ frame: Frame, memory: ExternalMemory? = nil) {
        self.frame = frame
        self.memory = memory
    }
}

/// One column of a frame held by Lua (`f.close`, an expression over columns): indexable, `#`, operators, methods.
final class ColumnBox {
    let name: String
    let column: Column
    /// The symbol and time columns of the frame the column came from, so windows follow each symbol in time order.
    let context: Frame
    /// A boolean mask (a comparison, `&`, `|`, `~`), held as an integer column of 0 and 1.
    let isMask: Bool
    /// A computed column's values, counted against the script's memory limit while Lua holds it.
    let memory: ExternalMemory?

    init(name: String, column: Column, context: Frame, isMask: Bool = false, memory: ExternalMemory? = nil) {
        self.name = name
        self.column = column
        self.context = context
        self.isMask = isMask
        self.memory = memory
    }

    /// A column of `frame`, carrying the frame's symbol and time columns (shared, not copied).
    convenience init(_ frame: Frame, _ name: String, _ column: Column) {
        let keys = ["symbol", "time"].filter { frame.index(of: $0) != nil }
        self.init(name: name, column: column, context: (try? frame.selecting(keys)) ?? Frame())
    }
}

/// The `Frame` userdata class (its methods in FrameClass+Transforms, +Joins and +Export) and, in ColumnClass.swift,
/// `Column`. Every operation runs in Swift over whole columns and returns a new frame.
enum FrameClass {
    static func push(_ call: LuaCall, _ frame: Frame) throws -> Int32 {
        registerClasses(call.state)
        let (size, overflow) = frame.count.multipliedReportingOverflow(by: max(1, frame.names.count) * 8)
        let bytes = overflow ? Int.max / 2 : size
        let memory = try call.state.holdMemory(
            bytes, for: "a frame of \(frame.count) rows × \(frame.names.count) columns")
        call.reportExternalAllocation(bytes: bytes)
        call.push(FrameBox(frame, memory: memory), as: frameClass)
        return 1
    }

    /// Registers the market userdata classes in a state (idempotent; a registry lookup each when done).
    static func registerClasses(_ state: LuaState) {
        state.register(frameClass)
        state.register(columnClass)
        state.register(groupByClass)
        state.register(MarketModule.storeClass)
    }

    /// Runs an engine call, turning frame errors into Lua errors naming the method.
    static func run(_ call: LuaCall, _ body: () throws(FrameError) -> Frame) throws -> Int32 {
        let frame: Frame
        do { frame = try body() } catch { throw LuaScriptError(error.description) }
        return try push(call, frame)
    }

    static func options(_ call: LuaCall, _ index: Int32) throws -> FieldReader {
        call.isNoneOrNil(index)
            ? FieldReader(LuaTable(), argument: index) : FieldReader(try call.table(index), argument: index)
    }

    static let frameClass: LuaClass<FrameBox> = LuaClass(
        "Frame",
        // The methods, by kind, in FrameClass+Transforms, +Joins and +Export (a name in two of them is a bug).
        methods: transformMethods.merging(joinMethods, uniquingKeysWith: twice).merging(
            exportMethods, uniquingKeysWith: twice
        ).merging(verbMethods, uniquingKeysWith: twice).merging(plotMethods, uniquingKeysWith: twice),
        describe: { $0.frame.table() },
        length: { $0.frame.count },
        index: { box, call in
            // f.close is f:col("close"), for quick looks.
            if let name = try? call.string(2), let column = box.frame[name] {
                call.push(ColumnBox(box.frame, name, column), as: columnClass)
            } else {
                call.pushNil()
            }
            return 1
        })

    private static func twice(_: LuaClass<FrameBox>.Method, _: LuaClass<FrameBox>.Method) -> LuaClass<FrameBox>.Method {
        preconditionFailure("a Frame method is defined in two of FrameClass's method tables")
    }

    static func rowTable(_ frame: Frame, _ row: Int) -> LuaTable {
        var table = LuaTable()
        for (index, name) in frame.names.enumerated() {
            let value = MarketValues.cell(frame.columns[index], row)
            if value != .nil { table[name] = value }
        }
        return table
    }
}
