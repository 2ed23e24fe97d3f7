import Frames
public import JSONValue
public import JupyterKernel
import LuaRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The notebook kernel's Lua side (the `KernelBackend` that `JupyterKernel`'s server calls; the protocol is the
/// server's): one `ScriptEnvironment` kept across cells (as the REPL keeps it), cells run as chunks
/// whose last expression is the cell's result, values shown richly (a Frame as an HTML table, a chart as SVG),
/// `display(x)` for output mid-cell, completion and help from the same sources as the REPL.
public final class NotebookSession: KernelBackend {
    public let host: ScriptEnvironment
    private let capture: StandardStreamCapture?
    private var output: (any KernelOutput)?
    /// Seconds each cell may run (`aikit kernel --timeout`); nil: no limit.
    public var timeLimit: Double?
    /// Rows of a Frame shown in a cell's HTML table (the first and last halves).
    public var maxRows = 30

    /// `capture`: the redirected standard streams (installed before `host` was made), so `print` reaches the cell.
    public init(host: ScriptEnvironment, capture: StandardStreamCapture?) {
        self.host = host
        self.capture = capture
        host.lua.register("display") { [unowned self] call in
            guard let output else { return 0 }
            capture?.flush()
            if call.count >= 2, call.type(1) == .string, call.type(2) == .string {
                // display(text, "text/html"): the text as that MIME type.
                let mime = try call.string(2)
                guard mime.contains("/") else {
                    throw LuaArgumentError(2, "a MIME type like \"text/html\" expected, got '\(mime)'")
                }
                // Any MIME type, text/plain itself included (a literal with it twice would trap).
                var bundle: MIMEBundle = ["text/plain": try call.string(1)]
                bundle[mime] = try call.string(1)
                output.display(bundle)
                return 0
            }
            // Read through `call`: display may run in a coroutine, whose stack is not the main state's.
            var index: Int32 = 1
            while index <= call.count {
                var bundle: MIMEBundle
                if let box = try? call.object(index, of: FrameClass.frameClass) {
                    bundle = Self.frameBundle(box.frame, maxRows: maxRows)
                } else if call.type(index) == .string, let text = try? call.string(index), Self.isSVG(text) {
                    bundle = Self.svgBundle(text)
                    // display(chart.bar{…}): the chart's second result is its data.
                    if index < call.count, call.type(index + 1) == .string, let csv = try? call.string(index + 1),
                        !Self.isSVG(csv)
                    {
                        bundle["text/csv"] = csv
                        index += 1
                    }
                } else {
                    bundle = ["text/plain": call.inspect(index)]
                }
                output.display(bundle)
                index += 1
            }
            return 0
        }
    }

    public var languageInfo: JSONValue {
        [
            "name": "lua", "version": "5.4", "mimetype": "text/x-lua", "file_extension": ".lua",
            "pygments_lexer": "lua", "codemirror_mode": "lua",
        ]
    }
    public var implementationVersion: String { AikitModule.version }
    public var banner: String {
        "aikit \(AikitModule.version) (Lua 5.4): market, cost, compliance and chart are loaded on first use; "
            + "display(x) shows a value, Shift-Tab shows help"
    }

    // MARK: Running cells

    public func execute(_ code: String, output: any KernelOutput) -> ExecutionOutcome {
        let lua = host.lua
        let base = lua.top
        self.output = output
        capture?.sink = { [weak output] name, text in output?.stream(name, text) }
        // io.read asks the notebook for a line; waiting stops at an interrupt or the cell's time limit.
        let interrupted = lua.interruptFlag
        capture?.inputSource = { [weak output] prompt in
            output?.input(prompt: prompt, password: false) {
                interrupted.isRaised || ScriptDeadline.remaining(cap: 1) <= 0
            }
        }
        defer {
            capture?.flush()
            capture?.inputSource = nil
            capture?.sink = nil
            self.output = nil
            lua.top = base
        }
        do {
            try compile(code)
        } catch {
            return Self.outcome(error)
        }
        lua.resetLimits()  // an interrupt that arrived between cells does not stop this one
        lua.setTimeLimit(timeLimit)
        ScriptDeadline.start(timeLimit)
        lua.armInterrupts(secondEndsProcess: false)
        defer {
            ScriptDeadline.start(nil)
            lua.disarmInterrupts()
            signal(SIGINT, SIG_IGN)  // between cells an interrupt has nothing to stop, and must not end the kernel
            lua.resetLimits()
        }
        do {
            try Watchdog.guarding(seconds: timeLimit, message: Watchdog.timeLimitMessage(timeLimit ?? 0, who: "cell")) {
                try lua.call(traceback: true)
            }
        } catch {
            capture?.flush()
            return Self.outcome(error)
        }
        capture?.flush()
        let count = lua.top - base
        switch count {
        case 0: return .ok(result: nil)
        case 1: return .ok(result: Self.bundle(lua, at: base + 1, maxRows: maxRows))
        case 2 where lua.stringValue(at: base + 1).map(Self.isSVG) == true:
            // A chart function's two results: the SVG, and its data as CSV.
            var bundle = Self.bundle(lua, at: base + 1, maxRows: maxRows)
            if Self.addChartData(&bundle, lua, at: base + 2) { return .ok(result: bundle) }
            return .ok(result: ["text/plain": (1...count).map { lua.inspect(at: base + $0) }.joined(separator: "\t")])
        default:
            return .ok(result: ["text/plain": (1...count).map { lua.inspect(at: base + $0) }.joined(separator: "\t")])
        }
    }

    /// Pushes the cell as a function. As in IPython, the value of a trailing expression is the cell's result: the
    /// whole cell as an expression, else the shortest tail of lines that is one, after lines that are statements.
    func compile(_ code: String) throws {
        let lua = host.lua
        let name = "=cell"
        // `=expr` is `return expr`, as in the REPL (and lua.c's before 5.3).
        let start = code.drop { $0.isWhitespace }
        if start.hasPrefix("=") {
            try lua.load("return " + start.dropFirst(), name: name)
            return
        }
        if (try? lua.load("return " + code, name: name)) != nil { return }
        // A last line that is a bare expression (`f`) makes the cell invalid as a chunk; it is still the result.
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        var end = lines.count
        while end > 0, lines[end - 1].allSatisfy(\.isWhitespace) { end -= 1 }
        for start in stride(from: end - 1, through: max(0, end - 40), by: -1) {
            let head = lines[..<start].joined(separator: "\n")
            let tail = lines[start..<end].joined(separator: "\n")
            guard (try? lua.load(head, name: name)) != nil else { continue }
            lua.pop()
            if (try? lua.load(head + "\nreturn " + tail, name: name)) != nil { return }
        }
        try lua.load(code, name: name)
    }

    /// A value as a MIME bundle: a Frame as an HTML table (and aligned text), an SVG chart as an image, anything
    /// else as the REPL prints it.
    static func bundle(_ lua: LuaState, at index: Int32, maxRows: Int) -> MIMEBundle {
        if let box = lua.object(at: index, of: FrameClass.frameClass) {
            return frameBundle(box.frame, maxRows: maxRows)
        }
        if let text = lua.stringValue(at: index), Self.isSVG(text) { return svgBundle(text) }
        return ["text/plain": lua.inspect(at: index)]
    }

    static func frameBundle(_ frame: Frame, maxRows: Int) -> MIMEBundle {
        [
            "text/plain": frame.table(maxRows: maxRows),
            "text/html": "<style>\(Frame.htmlStyle)</style>" + frame.html(maxRows: maxRows),
        ]
    }

    static func svgBundle(_ svg: String) -> MIMEBundle {
        ["image/svg+xml": svg, "text/plain": "<chart: SVG, \(svg.utf8.count) bytes>"]
    }

    /// After a chart's SVG in `bundle`, the chart's data (the string at `index`) as `text/csv`; false when there is
    /// no such string or the bundle is not a chart.
    static func addChartData(_ bundle: inout MIMEBundle, _ lua: LuaState, at index: Int32) -> Bool {
        guard bundle["image/svg+xml"] != nil, index <= lua.top, let csv = lua.stringValue(at: index), !isSVG(csv) else {
            return false
        }
        bundle["text/csv"] = csv
        return true
    }

    static func isSVG(_ text: String) -> Bool {
        let trimmed = text.drop { $0.isWhitespace }
        return (trimmed.hasPrefix("<svg") || trimmed.hasPrefix("<?xml")) && trimmed.contains("</svg>")
    }

    static func outcome(_ error: any Error) -> ExecutionOutcome {
        guard let error = error as? LuaError else {
            return .error(name: "error", value: "\(error)", traceback: ["\(error)"])
        }
        let name: String
        switch error.kind {
        case .syntax: name = "syntax error"
        case .interrupted: name = "interrupted"
        case .timeout: name = "time limit"
        case .memory: name = "memory limit"
        default: name = "runtime error"
        }
        let red = "\u{1B}[0;31m"
        let reset = "\u{1B}[0m"
        var traceback = [red + error.message + reset]
        if let lines = error.traceback, !lines.isEmpty { traceback += lines.split(separator: "\n").map(String.init) }
        return .error(name: name, value: error.message, traceback: traceback)
    }

    public func interrupt() { host.lua.requestInterrupt() }

    public func isComplete(_ code: String) -> CompletenessStatus {
        let lua = host.lua
        if code.allSatisfy(\.isWhitespace) { return .complete }
        var errors: [any Error] = []
        for candidate in ["return " + code, code] {
            do {
                try lua.load(candidate, name: "=cell")
                lua.pop()
                return .complete
            } catch {
                errors.append(error)
            }
        }
        // As the REPL: unfinished as a statement or as an expression (a table split over lines) means "more to come".
        return errors.contains(where: ReplSession.isIncomplete) ? .incomplete : .invalid
    }

    // MARK: Completion and help

    public func complete(_ code: String, cursor: Int) -> (matches: [String], start: Int, end: Int) {
        host.completion(in: code, cursor: cursor)
    }

    public func inspect(_ code: String, cursor: Int, detail: Int) -> MIMEBundle? {
        let scalars = Array(code.unicodeScalars)
        let cursor = min(max(0, cursor), scalars.count)
        var before = String.UnicodeScalarView()
        before.append(contentsOf: scalars[..<cursor])
        var after = String.UnicodeScalarView()
        after.append(
            contentsOf: scalars[cursor...].prefix {
                ScriptEnvironment.nameCharacters.contains(Character($0)) && $0 != ":" && $0 != "."
            })
        let prefix = String(before)
        let name = String(ScriptEnvironment.typedName(in: prefix[...])) + String(after)
        if let help = host.help(for: name) { return help }
        // Inside a call's arguments: help on the function being called.
        if let call = ScriptEnvironment.enclosingCall(in: prefix), let help = host.help(for: call.name) { return help }
        return nil
    }
}
