import Frames
import LuaRuntime

extension FrameClass {
    /// Frame methods that combine or reshape frames: as-of and key joins, pivot and melt, correlation matrices.
    static let joinMethods: [String: LuaClass<FrameBox>.Method] = [
        "asof": { box, call in
            let right = try call.object(2, of: frameClass).frame
            var fields = try options(call, 3)
            let on = try fields.string("on") ?? "time"
            let by: String?
            switch fields.value("by") {
            case nil: by = "symbol"
            case .boolean(false)?: by = nil
            case let value?:
                guard let name = value.stringValue else {
                    throw fields.error("by", "must be a column name or false, got \(value.type.name)")
                }
                by = name
            }
            let tolerance = try fields.number("tolerance").map { value -> Int64 in
                guard value.isFinite, value >= 0, value < 1e15 else {
                    throw fields.error("tolerance", "must be 0 or more seconds")
                }
                return Int64(value)
            }
            let columns = try MarketValues.strings(&fields, "columns")
            try fields.finish()
            return try run(call) { () throws(FrameError) in
                try box.frame.asofJoin(right, on: on, by: by, tolerance: tolerance, columns: columns)
            }
        },
        "join": { box, call in
            let right = try call.object(2, of: frameClass).frame
            var fields = try options(call, 3)
            guard let keys = try MarketValues.strings(&fields, "on") else {
                throw fields.error("on", "is required (the key columns, e.g. \"symbol\")")
            }
            let columns = try MarketValues.strings(&fields, "columns")
            let kindName = try fields.string("kind") ?? "left"
            guard let kind = JoinKind(rawValue: kindName) else { throw fields.error("kind", "must be left or inner") }
            try fields.finish()
            return try run(call) { () throws(FrameError) in
                try box.frame.join(right, on: keys, columns: columns, kind: kind)
            }
        },
        "pivot": { box, call in
            var fields = try options(call, 2)
            let index = try fields.string("index")
            let columns = try fields.string("columns")
            guard let values = try fields.string("values") else { throw fields.error("values", "is required") }
            try fields.finish()
            return try run(call) { () throws(FrameError) in
                try box.frame.pivot(index: index, columns: columns, values: values)
            }
        },
        "melt": { box, call in
            var fields = try options(call, 2)
            let index = try fields.string("index")
            let name = try fields.string("name")
            let value = try fields.string("value")
            try fields.finish()
            return try run(call) { () throws(FrameError) in try box.frame.melt(index: index, name: name, value: value) }
        },
        "corr": { box, call in
            var fields = try options(call, 2)
            let column = try fields.string("column")
            let by = try fields.string("by")
            let on = try fields.string("on")
            try fields.finish()
            return try run(call) { () throws(FrameError) in try box.frame.correlation(column: column, by: by, on: on) }
        },
    ]
}
