/// A command's arguments after the command words: positionals and `--option value` pairs.
///
/// Options are declared by each command (`OptionSpec`), so an unknown option or a missing value is a
/// usage error before anything runs.
struct ParsedArguments {
    private(set) var positionals: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []
    let command: any PandaCommand.Type

    init(_ tokens: [String], command: any PandaCommand.Type) throws(UsageError) {
        self.command = command
        let specs = command.options + GlobalOptions.specs
        var index = 0
        var onlyPositionals = false
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if onlyPositionals || !token.hasPrefix("--") || token == "-" {
                positionals.append(token)
                continue
            }
            if token == "--" {
                onlyPositionals = true
                continue
            }
            var name = String(token.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let spec = specs.first(where: { $0.name == name }) else {
                throw UsageError("unknown option --\(name)")
            }
            if spec.takesValue {
                if let inlineValue {
                    values[name, default: []].append(inlineValue)
                } else {
                    guard index < tokens.count else {
                        throw UsageError("option --\(name) needs a value (\(spec.valueName))")
                    }
                    values[name, default: []].append(tokens[index])
                    index += 1
                }
            } else {
                guard inlineValue == nil else {
                    throw UsageError("option --\(name) takes no value")
                }
                flags.insert(name)
            }
        }
    }

    /// The last value given for `--name`, if any.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value given for a repeatable `--name`, in order.
    func values(_ name: String) -> [String] { values[name] ?? [] }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Exactly `count` positionals, named for the usage message.
    func positionals(exactly names: [String]) throws(UsageError) -> [String] {
        guard positionals.count == names.count else {
            throw UsageError(
                positionals.count < names.count
                    ? "missing \(names[positionals.count])"
                    : "unexpected argument \"\(positionals[names.count])\"")
        }
        return positionals
    }

    /// At least `names.count` positionals; the rest are returned as the tail.
    func positionals(atLeast names: [String], rest: String) throws(UsageError) -> (head: [String], tail: [String]) {
        guard positionals.count > names.count else {
            throw UsageError(
                "missing \(positionals.count < names.count ? names[positionals.count] : rest)")
        }
        return (Array(positionals.prefix(names.count)), Array(positionals.dropFirst(names.count)))
    }

    /// Zero or one positional (an optional ACCOUNT, as in `panda audit [ACCOUNT]`).
    func optionalPositional() throws(UsageError) -> String? {
        guard positionals.count <= 1 else { throw UsageError("unexpected argument \"\(positionals[1])\"") }
        return positionals.first
    }

    /// `--name N` as a positive number, or `defaultValue` when it is not given.
    func positiveInt(_ name: String, default defaultValue: Int) throws(UsageError) -> Int {
        guard let text = value(name) else { return defaultValue }
        guard let n = Int(text), n > 0 else { throw UsageError("--\(name) takes a positive number") }
        return n
    }

    /// Parses an option's value with a domain parser, turning its error into a user error (exit 1).
    func parse<T>(_ name: String, _ parser: (String) throws -> T) throws -> T? {
        guard let text = value(name) else { return nil }
        return try parser(text)
    }
}

/// One `--option` a command accepts.
struct OptionSpec: Sendable {
    let name: String
    /// Placeholder in help text, e.g. `HH:MM`; empty for a flag.
    let valueName: String
    let help: String

    var takesValue: Bool { !valueName.isEmpty }

    static func value(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help)
    }

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: "", help: help)
    }
}

/// Options every command takes.
enum GlobalOptions {
    static let specs: [OptionSpec] = [
        .value("data-dir", "DIR", "data directory (default: $PANDA_DATA_DIR, else ./panda-data)"),
        .value("database", "URL", "database (default: SQLite inside the data directory)"),
        .flag("json", "print JSON instead of a table"),
        .flag("help", "show this command's help"),
    ]
}
