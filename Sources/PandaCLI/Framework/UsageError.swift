/// A command line that cannot be understood: exit status 2 with a usage line.
struct UsageError: Error {
    let message: String
    /// The command whose usage to print, when known.
    let command: (any PandaCommand.Type)?

    init(_ message: String, command: (any PandaCommand.Type)? = nil) {
        self.message = message
        self.command = command
    }
}
