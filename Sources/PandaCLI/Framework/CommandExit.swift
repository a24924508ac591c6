/// Ends a command with a specific exit status (e.g. `panda agent`'s 3), after it printed what it had to say.
struct CommandExit: Error {
    let status: Int32
    /// Printed on standard error as `panda COMMAND: MESSAGE`, if set.
    let message: String?
}
