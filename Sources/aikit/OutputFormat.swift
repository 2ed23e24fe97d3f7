import AIKitScripting
public import ArgumentParser

/// `--format table|csv|json` (the format itself is the scripting layer's `OutputFormat`).
extension OutputFormat: ExpressibleByArgument {}
