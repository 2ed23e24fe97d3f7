internal import JSONValue
internal import JupyterKernel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The work of `aikit kernel run` and `aikit kernel install` (the CLI parses and prints): one Jupyter connection
/// served by a `NotebookSession` over `JupyterKernel`'s server, and the kernelspec's kernel.json.
public enum NotebookKernel {
    /// Serves the connection described by `connectionFile` until the notebook shuts the kernel down or `parentAlive`
    /// turns false. Standard input becomes /dev/null and standard output the notebook's stream. Throws
    /// `CommandUsageError` for a connection file or set-up that cannot work.
    public static func serve(
        connectionFile: String, memoryLimitMB: Double?, timeLimit: Double?, plugins: PluginHost,
        log: @escaping (String) -> Void, parentAlive: @escaping @Sendable () -> Bool
    ) throws(CommandUsageError) {
        let connection: ConnectionInfo
        do {
            connection = try ConnectionInfo(path: connectionFile)
        } catch {
            throw CommandUsageError(error.description)
        }
        // Between cells an interrupt has nothing to stop; a cell arms its own handler. io.read reads through the
        // capture (an input_request to the notebook); descriptor 0 is /dev/null, not a pipe no one writes.
        signal(SIGINT, SIG_IGN)
        let null = open("/dev/null", O_RDONLY)
        if null >= 0 {
            _ = dup2(null, STDIN_FILENO)
            _ = close(null)
        }
        let capture = StandardStreamCapture()
        guard capture.install() else { throw CommandUsageError("cannot redirect standard output to the notebook") }
        let host: ScriptEnvironment
        do {
            host = try ScriptEnvironment(memoryLimitMB: memoryLimitMB, plugins: plugins)
        } catch {
            throw CommandUsageError("cannot start Lua: \(error)")
        }
        let session = NotebookSession(host: host, capture: capture)
        session.timeLimit = timeLimit
        let server: KernelServer
        do {
            server = try KernelServer(connection: connection, backend: session)
        } catch {
            throw CommandUsageError("\(error)")
        }
        server.log = log
        server.run(parentAlive: parentAlive)
    }

    /// kernel.json: how Jupyter starts the kernel (`argv`, with `{connection_file}` where the file goes), the name
    /// notebooks show, the language, signal interrupts.
    public static func kernelJSON(argv: [String], displayName: String) -> String {
        let spec: JSONValue = [
            "argv": .array(argv.map { .string($0) }),
            "display_name": .string(displayName), "language": "lua", "interrupt_mode": "signal",
            "metadata": ["debugger": false],
        ]
        return spec.serialized()
    }
}
