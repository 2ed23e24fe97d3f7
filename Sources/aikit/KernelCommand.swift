import AIKitScripting
import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `aikit kernel`: a Jupyter kernel (started by Jupyter with a connection file), and `aikit kernel install`.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Run aikit as a Jupyter kernel, or install its kernelspec (aikit kernel install).",
        discussion: """
            Jupyter starts the kernel itself, as `aikit kernel --connection-file FILE` (see kernel.json). One Lua \
            state lives across cells, as in the REPL: a cell's last expression is its result (a Frame shows as a \
            table, a chart as SVG), display(x) shows a value mid-cell, print goes to the cell. Interrupt stops the \
            running cell. libzmq5 (ZeroMQ) is loaded when the kernel starts.
            """,
        subcommands: [KernelRunCommand.self, KernelInstallCommand.self],
        defaultSubcommand: KernelRunCommand.self
    )
}

struct KernelRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Serve one Jupyter connection.")

    @Option(
        name: [.customShort("f"), .customLong("connection-file")],
        help: ArgumentHelp("The connection file Jupyter wrote (ports, key).", valueName: "FILE"),
        completion: .file(extensions: ["json"]))
    var connectionFile: String

    @OptionGroup var limits: SessionLimitOptions
    @OptionGroup var pluginOptions: PluginOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        storeOptions.apply()
        do {
            try NotebookKernel.serve(
                connectionFile: connectionFile, memoryLimitMB: limits.memory, timeLimit: limits.timeout,
                plugins: try pluginOptions.makeHost(), log: { Terminal.standardError.write($0 + "\n") },
                parentAlive: Self.parentAlive)
        } catch let error as CommandUsageError {
            throw ValidationError(error.description)
        }
    }

    /// False once the process that started the kernel is gone (Jupyter passes its pid as JPY_PARENT_PID; else the
    /// kernel's own parent), so a crashed notebook server does not leave kernels behind.
    static func parentAlive() -> Bool {
        if let text = getenv("JPY_PARENT_PID").map({ String(cString: $0) }), let pid = pid_t(text), pid > 1 {
            return kill(pid, 0) == 0 || errno == EPERM
        }
        return getppid() != 1
    }
}

struct KernelInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the kernelspec so Jupyter lists aikit (kernel.json and logos).",
        discussion: """
            --user (the default) installs into $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else \
            ~/.local/share/jupyter; --prefix P into P/share/jupyter (a virtualenv or conda prefix). The kernelspec \
            runs this aikit binary by its absolute path.
            """
    )

    @Flag(help: "Install for the current user (the default).")
    var user = false

    @Option(
        help: ArgumentHelp("Install under PREFIX/share/jupyter/kernels.", valueName: "PREFIX"), completion: .directory)
    var prefix: String?

    @Option(help: "The kernel's name (its folder, and what `--kernel NAME` selects).")
    var name = "aikit"

    @Option(help: "The name notebooks show.")
    var displayName = "aikit (Lua 5.4)"

    /// Written into kernel.json's argv, so every cell of every notebook on this kernel has these limits.
    @OptionGroup var limits: SessionLimitOptions

    func validate() throws {
        if user, prefix != nil { throw ValidationError("--user and --prefix choose different places; give one") }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
            throw ValidationError("--name '\(name)' must be letters, digits, '.', '_' or '-' (it names a folder)")
        }
    }

    func run() throws {
        let data: String
        if let prefix {
            data = prefix + "/share/jupyter"
        } else if let custom = getenv("JUPYTER_DATA_DIR").map({ String(cString: $0) }), !custom.isEmpty {
            data = custom
        } else if let xdg = getenv("XDG_DATA_HOME").map({ String(cString: $0) }), !xdg.isEmpty {
            data = xdg + "/jupyter"
        } else {
            data = (getenv("HOME").map { String(cString: $0) } ?? ".") + "/.local/share/jupyter"
        }
        let folder = data + "/kernels/" + name
        var arguments: [String] = []
        if let timeout = limits.timeout { arguments += ["--timeout", "\(timeout)"] }
        if let memory = limits.memory { arguments += ["--memory", "\(memory)"] }
        try Kernelspec(executable: Kernelspec.executablePath(), arguments: arguments, displayName: displayName)
            .write(to: folder)
        print("installed the \(name) kernelspec in \(folder)")
    }
}
