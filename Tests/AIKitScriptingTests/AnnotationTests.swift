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
        let host = try ScriptHost()
        let names = try host.lua.run("""
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
