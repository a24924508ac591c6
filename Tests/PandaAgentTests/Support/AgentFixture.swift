import Foundation
import PandaAgent
import PandaCore
import PandaTesting

/// A temporary folder with export files, an in-memory server and a manual clock, and one way to run the
/// agent against them.
final class AgentFixture {
    let directory: TemporaryDirectory
    let clock = ManualClock()
    let remote: MemoryExchange
    let logs = MemoryLogSink()
    private(set) var output = ""
    private(set) var connected = false

    init(students: [String]? = ["K1", "K2", "K3"]) throws {
        directory = try TemporaryDirectory(prefix: "panda-agent-test")
        remote = MemoryExchange(clock: clock, students: students)
    }

    deinit { directory.remove() }

    var reportsDirectory: String { directory.file("reports") }

    /// Writes an export file and returns its path.
    @discardableResult
    func file(_ name: String, _ text: String) throws -> String {
        let path = directory.file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Options for `files` (paths), reports in the fixture's folder.
    func options(_ files: [String]) -> AgentOptions {
        var options = AgentOptions(files: files)
        options.reportsDirectory = reportsDirectory
        options.waitSeconds = 60
        return options
    }

    /// Runs the agent; `connect` defaults to the in-memory server.
    func run(_ options: AgentOptions, connect: (() throws -> any RemoteExchange)? = nil) -> AgentRunResult {
        let agent = InstitutionAgent(
            options: options, clock: clock, logger: Logger(component: "agent", sink: logs),
            output: { self.output += $0 })
        return agent.run {
            connected = true
            return try connect?() ?? remote
        }
    }

    /// Files saved in the reports folder.
    var savedReports: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: reportsDirectory)) ?? []).sorted()
    }
}

/// Rows of the spec's `user` layout.
enum Rows {
    static func user(_ id: String, email: String = "", password: String = "") -> String {
        "user,\"\(id)\",\"u\(id)\",\"\(password)\",\"First\",\"Last\",\"\(email)\",\"2\",\"1\"\n"
    }
}
