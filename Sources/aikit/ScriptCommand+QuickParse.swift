import ArgumentParser

extension ScriptCommand {
    /// `aikit script …` read without ArgumentParser when the command line uses only the plain forms: `-e CODE`,
    /// `-l MOD`, `--timeout S`, `--memory MB`, `--allow NAME:PERM`, `--db PATH` (each name and its value as two
    /// arguments, the value not starting with `-`), `--verbose`, then the script and its arguments (all of them the
    /// script's, as with `.captureForPassthrough`). Anything else — `--help`, `--timeout=2`, `--`, an unknown or
    /// repeated single-valued option, a number that does not parse — returns nil and goes through ArgumentParser as
    /// before, which stays the only source of help and of messages about the command line.
    ///
    /// Why: ArgumentParser's first parse in a process builds its argument sets by reflection (Mirror, generic
    /// metadata, protocol-conformance scans over the whole binary), about 1 ms of a 4–5 ms start-up (README,
    /// "Start-up"), and so does making a `ScriptCommand` (its property wrappers' generic metadata). This reads the
    /// same `ScriptRequest` that `ScriptCommand.request` gives, which then validates and runs as usual.
    /// `ScriptQuickParseTests` checks that it agrees with ArgumentParser on every form it accepts.
    static func quickParse(_ arguments: [String]) -> ScriptRequest? {
        var execute: [String] = []
        var library: [String] = []
        var allow: [String] = []
        var timeout: Double?
        var memory: Double?
        var db: String?
        var verbose = false
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "-" {
            let name = arguments[index]
            if name == "--verbose" {
                if verbose { return nil }
                verbose = true
                index += 1
                continue
            }
            guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") else { return nil }
            let value = arguments[index + 1]
            switch name {
            case "-e": execute.append(value)
            case "-l": library.append(value)
            case "--allow": allow.append(value)
            case "--timeout":
                guard timeout == nil, let number = Double(value) else { return nil }
                timeout = number
            case "--memory":
                guard memory == nil, let number = Double(value) else { return nil }
                memory = number
            case "--db":
                guard db == nil else { return nil }
                db = value
            default: return nil
            }
            index += 2
        }
        return ScriptRequest(
            execute: execute, library: library, timeout: timeout, memory: memory, verbose: verbose, allow: allow,
            db: db, scriptAndArguments: Array(arguments[index...]))
    }

    /// Runs `aikit script ARGUMENTS` read by `quickParse`; false (nothing done) when ArgumentParser must read it, or
    /// when validation fails (ArgumentParser then reports it, with the usage line, as it always has).
    static func runQuickly(_ arguments: [String]) -> Bool {
        guard let request = quickParse(arguments), (try? request.validate()) != nil else { return false }
        do {
            try request.run()
        } catch is ValidationError {
            // Only `pluginOptions.makeHost()` (a malformed config.toml) throws this, before any script code runs.
            return false
        } catch {
            Aikit.exit(withError: error)
        }
        return true
    }
}
