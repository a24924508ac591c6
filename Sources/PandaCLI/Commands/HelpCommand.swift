/// `panda help [COMMAND]`: the overview, or one command's usage, options and notes.
struct HelpCommand: PandaCommand {
    static let words = ["help"]
    static let synopsis = "[COMMAND]"
    static let summary = "describe every command, or one command in detail"

    let topic: [String]

    init(_ arguments: ParsedArguments) throws {
        topic = arguments.positionals
    }

    func run(_ context: CommandContext) throws {
        if topic.isEmpty {
            context.output.write(Self.overview())
            return
        }
        let matches = PandaCommandLine.commands.filter { $0.words.starts(with: topic) }
        guard !matches.isEmpty else {
            throw UsageError("no command \"\(topic.joined(separator: " "))\"; see `panda help`")
        }
        if let exact = matches.first(where: { $0.words == topic }) {
            context.output.write(Self.help(for: exact))
        } else {
            context.output.write(matches.map { Self.help(for: $0) }.joined(separator: "\n"))
        }
    }

    static func overview() -> String {
        var text = """
            panda: scheduled SFTP data exchange between an education platform and its institutions

            usage: panda COMMAND [ARGUMENTS] [--data-dir DIR] [--database URL] [--json]

            commands:

            """
        let width = PandaCommandLine.commands.map { $0.name.count }.max() ?? 0
        for command in PandaCommandLine.commands {
            text +=
                "  " + command.name + String(repeating: " ", count: width - command.name.count + 2)
                + command.summary + "\n"
        }
        text += """

            Every command takes --data-dir DIR (default: $PANDA_DATA_DIR, else ./panda-data).
            Exit status: 0 success, 1 a problem to fix (the message says what), 2 a usage error.
            `panda help COMMAND` describes one command.

            """
        return text
    }

    static func help(for command: any PandaCommand.Type) -> String {
        var text = "usage: \(command.usage)\n\n\(command.summary)\n"
        if !command.discussion.isEmpty { text += "\n" + command.discussion + "\n" }
        let options = command.options + GlobalOptions.specs
        text += "\noptions:\n"
        let labels = options.map { "--" + $0.name + ($0.takesValue ? " " + $0.valueName : "") }
        let width = labels.map(\.count).max() ?? 0
        for (label, option) in zip(labels, options) {
            text += "  " + label + String(repeating: " ", count: width - label.count + 2) + option.help + "\n"
        }
        return text
    }
}
