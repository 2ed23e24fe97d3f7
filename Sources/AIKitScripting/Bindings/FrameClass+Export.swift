import Frames
import LuaRuntime

extension FrameClass {
    /// Frame methods that hand a frame's contents back to Lua or out as text: rows, tables, CSV, JSON, aligned text.
    static let exportMethods: [String: LuaClass<FrameBox>.Method] = [
        "rows": { box, call in
            let frame = box.frame
            var row = 0
            call.pushFunction(name: "Frame:rows iterator") { inner in
                guard row < frame.count else {
                    inner.pushNil()
                    return 1
                }
                try inner.push(.table(rowTable(frame, row)))
                row += 1
                return 1
            }
            return 1
        },
        "totable": { box, call in
            let frame = box.frame
            try call.reserve(4)
            try call.push(.table(LuaTable(array: (0..<frame.count).map { .table(rowTable(frame, $0)) })))
            return 1
        },
        "to_csv": { box, call in
            let text = box.frame.csv()
            guard var path = try call.optionalString(2) else {
                call.push(text)
                return 1
            }
            path = try call.state.checkedPath("write", path, "Frame:to_csv")
            try writeTextFile(text, to: path)
            call.push(box.frame.count)
            return 1
        },
        "to_json": { box, call in
            call.push(box.frame.json())
            return 1
        },
        "format": { box, call in
            // f:format{close = "%.2f", ret = "%+.2f%%", volume = false}: a copy whose numbers read that way.
            var frame = box.frame
            for (key, value) in try call.table(2).fields {
                guard let name = key.stringValue else {
                    throw LuaArgumentError(2, "keys must be column names, like {close = '%.2f'}, not \(key)")
                }
                guard frame.index(of: name) != nil else {
                    throw LuaArgumentError(2, "no column '\(name)' (columns: \(frame.names.joined(separator: ", ")))")
                }
                switch value {
                case .boolean(false): frame.formats[name] = nil
                case .string:
                    do { frame.formats[name] = try NumberFormat(value.stringValue ?? "") } catch {
                        throw LuaArgumentError(2, "[\(name)]: \(error)")
                    }
                default:
                    throw LuaArgumentError(2, "[\(name)] must be a format like '%.2f' (or false to drop one)")
                }
            }
            return try push(call, frame)
        },
        "show": { box, call in
            call.push(box.frame.table(maxRows: max(2, Int(clamping: try call.optionalInteger(2) ?? 40))))
            return 1
        },
    ]
}
