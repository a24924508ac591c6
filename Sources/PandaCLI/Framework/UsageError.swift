/// A command line that cannot be understood: exit status 2 with the command's usage line.
struct UsageError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
