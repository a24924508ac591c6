/// One `panda` subcommand: its words, help, declared options, validation and action.
///
/// Validation (`init`) is separate from running so usage errors (exit 2) are found before anything
/// changes; `run` reports user errors (exit 1) by throwing a `UserFacingError`.
protocol PandaCommand: Sendable {
    /// The command words, e.g. `["key", "add"]`.
    static var words: [String] { get }
    /// Arguments after the words, e.g. `ACCOUNT FILE.pub [--expires YYYY-MM-DD]`.
    static var synopsis: String { get }
    /// One line for `panda help`.
    static var summary: String { get }
    /// Further paragraphs for `panda help COMMAND`; may be empty.
    static var discussion: String { get }
    static var options: [OptionSpec] { get }

    init(_ arguments: ParsedArguments) throws

    func run(_ context: CommandContext) throws
}

extension PandaCommand {
    static var name: String { words.joined(separator: " ") }
    static var usage: String { "panda \(name) \(synopsis)".trimmingCharacters(in: .whitespaces) }
    static var discussion: String { "" }
    static var options: [OptionSpec] { [] }
}
