import Foundation
import PandaTesting
import Testing

@Suite struct RosterCommandTests {
    @Test func addRemoveAndList() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U")
        #expect(try cli.ok("roster", "add", "uni1", "K2", "K1", "K3").contains("added 3, removed 0, 3 students"))
        #expect(try cli.ok("roster", "remove", "uni1", "K2").contains("removed 1"))
        #expect(try cli.ok("roster", "list", "uni1") == "K1\nK3\n")
        #expect(try cli.ok("roster", "list", "uni1-test") == "")
    }

    @Test func importReplacesFromEitherFormat() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U")
        try cli.ok("roster", "add", "uni1", "K1", "K9")
        let file = try cli.write("students.csv", "\u{FEFF}student,\"K1\"\r\nstudent,\"K2\"\r\n\r\nK3\r\nK3\r\n")
        let out = try cli.json("roster", "import", "uni1", file) as? [String: Any]
        #expect(out?["added"] as? Int == 2)
        #expect(out?["removed"] as? Int == 1)
        #expect(out?["total"] as? Int == 3)
        #expect(try cli.ok("roster", "list", "uni1") == "K1\nK2\nK3\n")
    }

    @Test func aBadFileChangesNothing() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U")
        try cli.ok("roster", "add", "uni1", "K1")
        let bad = try cli.write("bad.csv", "K2\nuser,K3,x\n")
        let result = try cli.run("roster", "import", "uni1", bad)
        #expect(result.status == 1)
        #expect(result.stderr.contains("line 2"))
        let empty = try cli.write("empty.csv", "\n")
        #expect(try cli.run("roster", "import", "uni1", empty).stderr.contains("--allow-empty"))
        #expect(try cli.ok("roster", "list", "uni1") == "K1\n")
        try cli.ok("roster", "import", "uni1", empty, "--allow-empty")
        #expect(try cli.ok("roster", "list", "uni1") == "")
    }

    /// Many `panda` processes writing the same data directory at once: every write lands, none fails
    /// with "database is locked". All 200 are started before any is waited for.
    @Test func concurrentProcessesAllSucceed() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U")
        let count = 200
        var running: [ChildProcess] = []
        for i in 0..<count {
            running.append(
                try ChildProcess(
                    PandaBinary.path,
                    ["roster", "add", i % 2 == 0 ? "uni1" : "uni1-test", "S\(i)", "--data-dir", cli.dataDirectory]))
        }
        var failures: [String] = []
        for process in running {
            _ = process.waitForExit(timeout: .seconds(120))
            let outcome = process.outcome()
            if !outcome.succeeded { failures.append("exit \(outcome.status): \(outcome.stderr)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        let production = try cli.ok("roster", "list", "uni1").split(separator: "\n")
        let test = try cli.ok("roster", "list", "uni1-test").split(separator: "\n")
        #expect(production.count + test.count == count)
    }
}
