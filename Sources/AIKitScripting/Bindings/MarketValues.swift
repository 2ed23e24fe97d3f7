import Frames
import LuaRuntime

/// Lua ↔ market values: times as `YYYY-MM-DD` strings (or epoch seconds), frames as userdata.
enum MarketValues {
    /// A time from a Lua value: a date string, or seconds since the epoch.
    static func time(_ value: LuaValue, _ what: @autoclosure () -> String) throws -> Int64 {
        if let text = value.stringValue, case .string = value {
            guard let time = MarketTime.parse(text) else {
                throw LuaScriptError(
                    "\(what()): cannot read the date '\(text)' (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)")
            }
            return time
        }
        if let number = value.doubleValue {
            guard number.isFinite, abs(number) < 1e15 else {
                throw LuaScriptError("\(what()): \(number) is not a time (seconds since 1970)")
            }
            return Int64(number)
        }
        throw LuaScriptError("\(what()): expected a date string like \"2025-01-27\", got \(value.type.name)")
    }

    static func time(_ fields: inout FieldReader, _ key: String) throws -> Int64? {
        guard let value = fields.value(key) else { return nil }
        do { return try time(value, "field '\(key)'") } catch let error as LuaScriptError {
            throw fields.error(key, String(error.message.drop(while: { $0 != ":" }).dropFirst(2)))
        }
    }

    /// A string or a list of strings.
    static func strings(_ fields: inout FieldReader, _ key: String) throws -> [String]? {
        guard let value = fields.value(key) else { return nil }
        if case .string = value, let text = value.stringValue {
            return text.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }
        }
        guard case .table(let table) = value else { throw fields.error(key, "must be a string or a list of strings") }
        return try table.array.map { item in
            guard case .string = item, let text = item.stringValue else {
                throw fields.error(key, "must hold strings, got \(item.type.name)")
            }
            return text
        }
    }

    /// One cell as a Lua value: nil for missing values.
    static func cell(_ column: Column, _ row: Int) -> LuaValue {
        switch column {
        case .time(let values):
            values[row] == MarketTime.missing ? .nil : .string(LuaString(MarketTime.format(values[row])))
        case .int(let values): values[row] == MarketTime.missing ? .nil : .integer(values[row])
        case .double(let values): values[row].isNaN ? .nil : .number(values[row])
        case .text(let values): .string(LuaString(values[row]))
        case .category(let codes, let levels): .string(LuaString(levels[Int(codes[row])]))
        }
    }

    /// A Lua table of equal-length arrays (`{time={...}, value={...}}`) as a frame; strings that all read as dates
    /// become a time column.
    static func frame(from table: LuaTable, argument: Int32) throws -> Frame {
        if !table.array.isEmpty {
            // A list of {name, values} pairs: columns in the order given.
            guard table.fields.isEmpty else {
                throw LuaArgumentError(argument, "give named columns or a list of {name, values} pairs, not both")
            }
            var pairs: [(String, Column)] = []
            for (position, item) in try orderedPairs(table, argument: argument).enumerated() {
                guard case .table(let list) = item.value else {
                    throw LuaArgumentError(argument, "[\(position + 1)] must be {name, {values...}}")
                }
                pairs.append((item.name, try column(list.array, name: item.name, argument: argument)))
            }
            do { return try Frame(pairs) } catch { throw LuaArgumentError(argument, error.description) }
        }
        var pairs: [(String, Column)] = []
        for (key, value) in table.fields.sorted(by: { ($0.key.stringValue ?? "") < ($1.key.stringValue ?? "") }) {
            guard let name = key.stringValue else { throw LuaArgumentError(argument, "column names must be strings") }
            guard case .table(let list) = value else {
                throw LuaArgumentError(argument, "column '\(name)' must be a list, got \(value.type.name)")
            }
            pairs.append((name, try column(list.array, name: name, argument: argument)))
        }
        // Put time-like columns first.
        pairs.sort { lhs, rhs in
            let order = ["symbol", "time", "date"]
            return (order.firstIndex(of: lhs.0) ?? 9) < (order.firstIndex(of: rhs.0) ?? 9)
        }
        do { return try Frame(pairs) } catch { throw LuaArgumentError(argument, error.description) }
    }

    /// The `{name, value}` pairs of a list, in order (for columns wanted in a given order).
    static func orderedPairs(_ table: LuaTable, argument: Int32) throws -> [(name: String, value: LuaValue)] {
        try table.array.enumerated().map { position, item in
            guard case .table(let pair) = item, pair.array.count == 2, case .string = pair.array[0],
                let name = pair.array[0].stringValue
            else {
                throw LuaArgumentError(
                    argument, "[\(position + 1)] must be a pair {name, value}, like {\"ret\", f.close}")
            }
            return (name, pair.array[1])
        }
    }

    static func column(_ values: LuaArray, name: String, argument: Int32) throws -> Column {
        if let numbers = values.numbers { return .double(numbers) }  // a Lua array of numbers, read as a column
        if values.allSatisfy({ if case .string = $0 { return true } else { return false } }), !values.isEmpty {
            let strings = values.map { $0.stringValue ?? "" }
            let times = strings.map(MarketTime.parse)
            if times.allSatisfy({ $0 != nil }) { return .time(times.map { $0! }) }
            return .categorical(strings)
        }
        return .double(
            try values.enumerated().map { index, value in
                switch value {
                case .nil, .boolean(false): return .nan
                default:
                    guard let number = value.doubleValue else {
                        throw LuaArgumentError(
                            argument, "column '\(name)' [\(index + 1)] must be a number, got \(value.type.name)")
                    }
                    return number
                }
            })
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text.removeFirst() }
        while text.last == set { text.removeLast() }
        return String(text)
    }
}
