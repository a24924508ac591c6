import Foundation
import PandaCore
import PandaStore

/// What a running command needs: where the data is, how to print, the store (opened on first use).
final class CommandContext {
    let dataDirectory: String
    let databaseURL: String?
    let json: Bool
    let output: CommandOutput
    let clock: any WallClock
    private var openedStore: Store?

    init(dataDirectory: String, databaseURL: String?, json: Bool, output: CommandOutput, clock: any WallClock) {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.json = json
        self.output = output
        self.clock = clock
    }

    /// The store of the data directory, opened (and migrated) on first use.
    func store() throws -> Store {
        if let openedStore { return openedStore }
        let opened = try Store.open(dataDirectory: dataDirectory, databaseURL: databaseURL)
        openedStore = opened
        return opened
    }

    /// Records an operator action in the audit log.
    func audit(account: String?, event: String, detail: String = "") throws {
        try store().audit.record(account: account, actor: "cli", event: event, detail: detail)
    }

    func print(_ text: String) { output.write(text + "\n") }

    /// Prints `value` as pretty, key-sorted JSON.
    func printJSON(_ value: JSONValue) { output.write(value.rendered(pretty: true) + "\n") }
}

/// Where a command's normal output goes (standard output in the binary).
final class CommandOutput: Sendable {
    private let sink: @Sendable (String) -> Void
    init(_ sink: @escaping @Sendable (String) -> Void) { self.sink = sink }
    func write(_ text: String) { sink(text) }

    static let standardOutput = CommandOutput { text in
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
