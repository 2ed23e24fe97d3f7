import JupyterKernel
import LuaAnnotations

/// Help on names and the option keys of calls, from the LuaCATS annotations embedded in the binary (the notebook's
/// Shift-Tab and completion inside a call's braces, in the kernel and the REPL alike).
extension ScriptEnvironment {
    /// Help on `name` ("compliance.check", "f:rolling", "market", a variable) from the annotations, else what the
    /// value is. Nil when the name leads nowhere.
    func help(for name: String) -> MIMEBundle? {
        guard !name.isEmpty, !name.hasSuffix("."), !name.hasSuffix(":") else { return nil }
        let annotations = LuaAnnotations.bundled
        guard let key = annotatedName(name) else { return nil }
        if let function = annotations.function(named: key) { return Self.help(function, annotations) }
        let members = annotations.functions.filter { $0.name.hasPrefix(key + ".") || $0.owner == key }
        if let module = annotations.classes[key], !module.doc.isEmpty || !module.fields.isEmpty || !members.isEmpty {
            var text = key + (module.doc.isEmpty ? "" : "\n\n" + module.doc.joined(separator: "\n"))
            if !members.isEmpty { text += "\n\n" + members.map { "  " + $0.signature }.joined(separator: "\n") }
            if !module.fields.isEmpty { text += "\n\n" + Self.fieldList(module.fields) }
            return ["text/plain": text]
        }
        let path = name.split(separator: ".").map(String.init)
        guard let type = lua.typeName(atPath: path) else { return nil }
        return ["text/plain": "\(name): \(type)"]
    }

    static func help(_ function: LuaAnnotations.Function, _ annotations: LuaAnnotations) -> MIMEBundle {
        var text = function.signature
        if !function.doc.isEmpty { text += "\n\n" + function.doc.joined(separator: "\n") }
        for parameter in function.parameters {
            let description = parameter.description.isEmpty ? "" : " — " + parameter.description
            text += "\n\n\(parameter.name)\(parameter.optional ? "?" : ""): \(parameter.type)\(description)"
            if let options = annotations.classes[parameter.type], !options.fields.isEmpty {
                text += "\n" + fieldList(options.fields)
            }
        }
        for result in function.returns {
            text += "\n\nreturns \(result.type)" + (result.description.isEmpty ? "" : " — " + result.description)
            if let shape = annotations.classes[result.type], !shape.fields.isEmpty {
                text += "\n" + fieldList(shape.fields)
            }
        }
        return ["text/plain": text]
    }

    static func fieldList(_ fields: [LuaAnnotations.Member]) -> String {
        let width = fields.map { $0.name.count + ($0.optional ? 1 : 0) }.max() ?? 0
        return fields.map { field in
            let name = field.name + (field.optional ? "?" : "")
            let pad = String(repeating: " ", count: width - name.count)
            return "  \(name)\(pad)  \(field.type)" + (field.description.isEmpty ? "" : "  \(field.description)")
        }.joined(separator: "\n")
    }

    /// The annotations' name for `name` as typed: methods of live values by their class (`f:rolling`, also
    /// `f.rolling`, is "Frame:rolling"), everything else as written. Nil for a method of a value that is not there.
    func annotatedName(_ name: String) -> String? {
        let annotations = LuaAnnotations.bundled
        if let colon = name.lastIndex(of: ":") {
            guard let type = lua.typeName(atPath: name[..<colon].split(separator: ".").map(String.init)) else {
                return nil
            }
            return type + name[colon...]
        }
        if annotations.function(named: name) == nil, annotations.classes[name] == nil,
            let dot = name.lastIndex(of: "."),
            let type = lua.typeName(atPath: name[..<dot].split(separator: ".").map(String.init)),
            annotations.function(named: type + ":" + name[name.index(after: dot)...]) != nil
        {
            return type + ":" + name[name.index(after: dot)...]
        }
        return name
    }

    /// The option keys a table argument being written at the end of `code` can take: inside `NAME{ … ` or
    /// `NAME({ … ` at a key's position, the fields of the annotated function's first table parameter.
    func optionKeys(before code: Substring) -> [String] {
        var head = code
        while let last = head.last, last == " " || last == "\t" || last == "\n" { head.removeLast() }
        guard let last = head.last, last == "{" || last == "," else { return [] }
        guard let call = Self.enclosingCall(in: String(code)), call.brace == "{",
            let key = annotatedName(call.name), let function = LuaAnnotations.bundled.function(named: key)
        else { return [] }
        for parameter in function.parameters {
            if let fields = LuaAnnotations.bundled.optionFields(parameter.type), !fields.isEmpty {
                return fields.map(\.name)
            }
        }
        return []
    }

    /// The function whose argument list the end of `code` is inside, and its bracket: ("compliance.check", "{") for
    /// `compliance.check{ chip = "H800", da`, also across lines and nested brackets.
    static func enclosingCall(in code: String) -> (name: String, brace: Character)? {
        var depth = 0
        var index = code.endIndex
        while index > code.startIndex {
            index = code.index(before: index)
            let c = code[index]
            if c == ")" || c == "}" || c == "]" { depth += 1 }
            if c == "(" || c == "{" || c == "[" {
                if depth > 0 {
                    depth -= 1
                    continue
                }
                guard c != "[" else { return nil }
                var end = index
                while end > code.startIndex, " (".contains(code[code.index(before: end)]) {
                    end = code.index(before: end)
                }
                let name = typedName(in: code[..<end])
                return name.isEmpty ? nil : (String(name), c)
            }
        }
        return nil
    }
}
