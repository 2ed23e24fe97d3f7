import AIKitScripting
import Foundation
import LuaRuntime
import Testing

/// Scripts/types/aikit.lua must describe every function the modules register (editor completion and checking).
@Suite struct AnnotationTests {
    static let annotations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts/types/aikit.lua").path

    @Test func everyRegisteredFunctionIsAnnotated() throws {
        let text = try String(contentsOfFile: Self.annotations, encoding: .utf8)
        #expect(text.hasPrefix("---@meta"))
        try LuaState().load(text, name: "@Scripts/types/aikit.lua")  // valid Lua, so the language server reads it
        let host = try ScriptEnvironment()
        let names = try host.lua.run(
            """
            local names = {}
            for _, module in ipairs({ "aikit", "market", "cost", "compliance", "chart" }) do
              for key, value in pairs(require(module == "aikit" and "aikit" or "aikit." .. module)) do
                if type(value) == "function" then names[#names + 1] = module .. "." .. key end
              end
            end
            -- Methods of the userdata classes (Frame, Column, MarketStore).
            local store = market.sample()
            local frame = store:bars{symbols = "NVDA"}
            for _, object in ipairs({ store, frame, frame:col("close") }) do
              local meta = getmetatable(object)
              local class = meta.__name
              for key in pairs(meta.__methods or meta.__index) do names[#names + 1] = class .. ":" .. key end
            end
            table.sort(names)
            return table.concat(names, " ")
            """)
        let registered = try #require(names.first?.stringValue).split(separator: " ").map(String.init)
        #expect(registered.count > 60)
        for name in registered {
            #expect(text.contains("function \(name)("), "no annotation for \(name) in Scripts/types/aikit.lua")
        }
    }
}

/// The guides in docs/ name everything the annotations describe (so the two cannot drift apart).
@Suite struct DocsReferenceTests {
    @Test func docsMentionEveryAnnotatedFunction() throws {
        let docs = URL(fileURLWithPath: AnnotationTests.annotations).deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs")
        let names = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }
        #expect(names.contains("lua-api.md"))
        let readme = try names.map { try String(contentsOf: docs.appendingPathComponent($0), encoding: .utf8) }
            .joined(separator: "\n")
        let annotations = try String(contentsOfFile: AnnotationTests.annotations, encoding: .utf8)
        var missing: [String] = []
        for line in annotations.split(separator: "\n") where line.hasPrefix("function ") {
            let signature = line.dropFirst("function ".count).prefix { $0 != "(" }
            let separator: Character = signature.contains(":") ? ":" : "."
            let parts = signature.split(separator: separator)
            guard parts.count == 2 else { continue }
            let (owner, name) = (String(parts[0]), String(parts[1]))
            let forms =
                separator == "."
                ? ["\(owner).\(name)(", "\(owner).\(name){", "`\(owner).\(name)`"]
                : [":\(name)(", ":\(name){", "`\(name)(", "`\(name){", "`\(name)`", " \(name)(", " \(name){"]
            if !forms.contains(where: readme.contains) { missing.append(String(signature)) }
        }
        #expect(missing.isEmpty, "docs/*.md do not mention: \(missing.joined(separator: ", "))")
    }
}
