import Foundation
import PandaAgent
import PandaCore
import PandaStore
import Testing

@Suite("An agent run against an in-memory server")
struct AgentRunTests {
    @Test("a clean export is filtered, uploaded as .part then renamed, and its report saved: exit 0")
    func cleanRun() throws {
        let fixture = try AgentFixture()
        fixture.remote.respond = ServerReport.processing(clock: fixture.clock)
        let path = try fixture.file("user.csv", Rows.user("K1") + Rows.user("K9") + Rows.user("K2"))
        let result = fixture.run(fixture.options([path]))
        #expect(result.exitStatus == .success, "\(fixture.output)")
        #expect(fixture.remote.text("/inbound/user.csv") == Rows.user("K1") + Rows.user("K2"))
        #expect(fixture.remote.names(in: "/inbound") == ["user.csv"])
        let writes = fixture.remote.requests.filter { !$0.hasPrefix("read") && !$0.hasPrefix("list") }
        #expect(
            writes.prefix(2) == ["upload /inbound/user.csv.part", "rename /inbound/user.csv.part /inbound/user.csv"])
        #expect(fixture.savedReports.count == 2)
        #expect(fixture.savedReports.allSatisfy { $0.hasPrefix("user.csv.") })
        #expect(fixture.output.contains("read 3, kept 2, dropped 1 not listed in students.csv"))
        #expect(fixture.output.contains("processed: read 2, created 2"))
        #expect(fixture.clock.slept == [2, 2], "polled every 2 s until the report appeared after 4 s")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("K9"), "the input is not changed")
    }

    @Test("--server-check uploads to /validate and exits by the server's dry run: 0 clean, 3 rows would be rejected")
    func serverCheck() throws {
        for rejected in [0, 1] {
            let fixture = try AgentFixture()
            fixture.remote.respond = ServerReport.processing(clock: fixture.clock, rejected: rejected, dryRun: true)
            let path = try fixture.file("user.csv", Rows.user("K1") + Rows.user("K2"))
            var options = fixture.options([path])
            options.serverCheck = true
            let result = fixture.run(options)
            #expect(result.exitStatus == (rejected == 0 ? .success : .rowsRejected), "\(fixture.output)")
            #expect(fixture.remote.names(in: "/validate") == ["user.csv"])
            #expect(fixture.remote.names(in: "/inbound").isEmpty)
            #expect(
                fixture.remote.requests.contains("rename /validate/user.csv.part /validate/user.csv"),
                "\(fixture.remote.requests)")
            #expect(fixture.output.contains("dry_run"))
            #expect(fixture.output.contains("checked by the server, nothing applied"))
            #expect(fixture.savedReports.count == 2)
            #expect(fixture.output.contains(rejected == 0 ? "every file is valid" : "some rows would be rejected"))
        }
    }

    @Test("filtered copies live in a private directory (0700, files 0600) that is removed at the end")
    func privateCopies() throws {
        let fixture = try AgentFixture()
        let root = fixture.directory.file("tmp")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var seen: [(String, Int)] = []
        fixture.remote.respond = { name, bytes in
            let workspaces = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            for workspace in workspaces {
                let path = root + "/" + workspace
                let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
                seen.append((workspace, mode))
                let copy = path + "/" + name
                let fileMode = (try? FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int)
                seen.append((name, fileMode ?? 0))
            }
            return ServerReport.processing(clock: fixture.clock)(name, bytes)
        }
        let path = try fixture.file("user.csv", Rows.user("K1") + Rows.user("K9"))
        var options = fixture.options([path])
        options.temporaryRoot = root
        #expect(fixture.run(options).exitStatus == .success)
        #expect(seen.count == 2 && seen[0].0.hasPrefix("panda-agent.") && seen[0].1 == 0o700)
        #expect(seen.count == 2 && seen[1].0 == "user.csv" && seen[1].1 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
    }

    @Test("row errors are printed without the password, the file is uploaded, and rejected rows exit 3")
    func rowErrors() throws {
        let fixture = try AgentFixture()
        fixture.remote.respond = ServerReport.processing(clock: fixture.clock, rejected: 1)
        let path = try fixture.file(
            "user.csv", Rows.user("K1") + Rows.user("K2", email: "not-an-email", password: "S3cret!pw"))
        let result = fixture.run(fixture.options([path]))
        #expect(result.exitStatus == .rowsRejected)
        #expect(fixture.output.contains("line 2: invalid_email Email:"))
        #expect(fixture.output.contains("\"***\""))
        #expect(!fixture.output.contains("S3cret!pw") && !fixture.logs.lines.joined().contains("S3cret!pw"))
        #expect(fixture.remote.files["/inbound/user.csv"] != nil)
        #expect(fixture.output.contains("exit status 3"))
    }

    @Test("with --strict a file with row errors is not uploaded: exit 1")
    func strict() throws {
        let fixture = try AgentFixture()
        fixture.remote.respond = ServerReport.processing(clock: fixture.clock)
        let path = try fixture.file("user.csv", Rows.user("K1", email: "nope"))
        var options = fixture.options([path])
        options.strict = true
        let result = fixture.run(options)
        #expect(result.exitStatus == .problem)
        #expect(fixture.remote.names(in: "/inbound").isEmpty)
        #expect(fixture.output.contains("not uploaded: 1 row error and --strict"))
    }

    @Test("a file the server would reject whole is not uploaded; the others are, and the run exits 1")
    func fileProblem() throws {
        let fixture = try AgentFixture()
        fixture.remote.respond = ServerReport.processing(clock: fixture.clock)
        let mixed = try fixture.file("mixed.csv", Rows.user("K1") + "programuser,K1,P1\n")
        let good = try fixture.file("user.csv", Rows.user("K1"))
        let result = fixture.run(fixture.options([mixed, good]))
        #expect(result.exitStatus == .problem)
        #expect(fixture.remote.names(in: "/inbound") == ["user.csv"])
        #expect(!fixture.remote.requests.contains { $0.contains("mixed.csv") })
        #expect(fixture.output.contains("file problem (mixed_keywords)"))
        #expect(result.files.first?.outcome == .notUploaded(reason: result.files.first!.outcome.reason))
    }

    @Test("a file with no listed student left is not uploaded")
    func nothingLeft() throws {
        let fixture = try AgentFixture()
        let path = try fixture.file("user.csv", Rows.user("K8") + Rows.user("K9"))
        let result = fixture.run(fixture.options([path]))
        #expect(result.exitStatus == .problem)
        #expect(fixture.remote.names(in: "/inbound").isEmpty)
        #expect(fixture.output.contains("none of its 2 rows is for a student listed in students.csv"))
    }

    @Test("--dry-run validates and uploads nothing: 0 when valid, 3 with row errors")
    func dryRun() throws {
        let fixture = try AgentFixture()
        let good = try fixture.file("user.csv", Rows.user("K1"))
        var options = fixture.options([good])
        options.dryRun = true
        #expect(fixture.run(options).exitStatus == .success)
        let bad = try fixture.file("programuser.csv", "programuser,K1,\n")
        options.files = [good, bad]
        #expect(fixture.run(options).exitStatus == .rowsRejected)
        #expect(fixture.remote.files.keys.allSatisfy { !$0.hasPrefix("/inbound") })
        #expect(!fixture.remote.requests.contains { $0.hasPrefix("upload") || $0.hasPrefix("rename") })
        #expect(fixture.savedReports.isEmpty)
    }

    @Test("--no-filter uploads the file as it is and does not fetch students.csv")
    func noFilter() throws {
        let fixture = try AgentFixture(students: nil)
        fixture.remote.respond = ServerReport.processing(clock: fixture.clock)
        let text = Rows.user("K1") + Rows.user("K9")
        let path = try fixture.file("user.csv", text)
        var options = fixture.options([path])
        options.noFilter = true
        #expect(fixture.run(options).exitStatus == .success)
        #expect(fixture.remote.text("/inbound/user.csv") == text)
        #expect(!fixture.remote.requests.contains("read /outbound/students.csv"))
    }

    @Test("files are uploaded in the server's processing order, whatever the command line's")
    func processingOrder() throws {
        let fixture = try AgentFixture()
        fixture.remote.respond = ServerReport.processing(clock: fixture.clock)
        let files = [
            try fixture.file("programuser.csv", "programuser,K1,P1\n"),
            try fixture.file("user.csv", Rows.user("K1")),
            try fixture.file("program.csv", "program,P1,ABS,Business,\n"),
            try fixture.file("property.csv", "Property,RACE,Race,BL,Black\n"),
        ]
        #expect(fixture.run(fixture.options(files)).exitStatus == .success)
        let renames = fixture.remote.requests.filter { $0.hasPrefix("rename") }.map { $0.split(separator: " ")[2] }
        #expect(
            renames == [
                "/inbound/property.csv", "/inbound/program.csv", "/inbound/user.csv", "/inbound/programuser.csv",
            ])
    }

    @Test("older reports of the same name, and reports of other names, are not taken for the upload's")
    func reportMatching() throws {
        let fixture = try AgentFixture()
        let path = try fixture.file("user.csv", Rows.user("K1"))
        let uploaded = Array(Rows.user("K1").utf8)
        // Already there before the upload, same name and even the same content: ignored.
        let earlier = ServerReport.summary(
            "user.csv", bytes: uploaded, status: .rejected, counts: FileCounts(read: 1, rejected: 1),
            processedAt: fixture.clock.now().addingTimeInterval(-60))
        fixture.remote.put("/results/" + earlier.name, earlier.text)
        fixture.remote.respond = { name, bytes in
            // A late report of an older upload (older time), another file's report, then the right one.
            let stale = ServerReport.summary(
                name, bytes: bytes, status: .rejected, counts: FileCounts(read: 1, rejected: 1),
                processedAt: fixture.clock.now().addingTimeInterval(-3600))
            fixture.remote.put("/results/" + stale.name, stale.text)
            let other = ServerReport.summary(
                "programuser.csv", bytes: bytes, status: .rejected, counts: FileCounts(),
                processedAt: fixture.clock.now())
            fixture.remote.put("/results/" + other.name, other.text)
            let foreign = ServerReport.summary(
                name, bytes: Array("other content".utf8), status: .rejected, counts: FileCounts(),
                processedAt: fixture.clock.now().addingTimeInterval(1))
            fixture.remote.put("/results/" + foreign.name.replacingOccurrences(of: "Z.", with: "Z-3."), foreign.text)
            return ServerReport.processing(clock: fixture.clock, delay: 6)(name, bytes)
        }
        let result = fixture.run(fixture.options([path]))
        #expect(result.exitStatus == .success, "\(fixture.output)")
        guard case .reported(let summary) = result.files.first?.outcome else {
            Issue.record("no report: \(fixture.output)")
            return
        }
        #expect(summary.status == "processed")
        #expect(fixture.savedReports.count == 2)
        #expect(!fixture.savedReports.contains(earlier.name))
    }

    @Test("no report within --wait: exit 1 with a message, after polling every 2 s")
    func timeout() throws {
        let fixture = try AgentFixture()
        let path = try fixture.file("user.csv", Rows.user("K1"))
        var options = fixture.options([path])
        options.waitSeconds = 7
        let start = fixture.clock.now()
        let result = fixture.run(options)
        #expect(result.exitStatus == .problem)
        #expect(result.files.first?.outcome == .noReport)
        #expect(fixture.clock.slept == [2, 2, 2, 1])
        #expect(fixture.clock.now().timeIntervalSince(start) == 7)
        #expect(fixture.output.contains("uploaded, but no report within 7 s"))
        #expect(fixture.logs.lines.contains { $0.contains("event=report_missing") })
    }

    @Test("an upload that fails midway leaves no partial file and exits 1; later files still go")
    func failedUpload() throws {
        let fixture = try AgentFixture()
        fixture.remote.respond = ServerReport.processing(clock: fixture.clock)
        fixture.remote.failingUploads = ["/inbound/user.csv.part"]
        let user = try fixture.file("user.csv", Rows.user("K1"))
        let programs = try fixture.file("programuser.csv", "programuser,K1,P1\n")
        let result = fixture.run(fixture.options([user, programs]))
        #expect(result.exitStatus == .problem)
        #expect(fixture.remote.names(in: "/inbound") == ["programuser.csv"])
        #expect(fixture.remote.requests.contains("remove /inbound/user.csv.part"))
        #expect(fixture.output.contains("upload failed: connection lost while writing /inbound/user.csv.part"))
        #expect(fixture.output.contains("the partial file was removed"))
    }

    @Test("a connection that fails stops the run with the client's message: exit 1, nothing sent")
    func connectionFailure() throws {
        let fixture = try AgentFixture()
        let path = try fixture.file("user.csv", Rows.user("K1"))
        let result = fixture.run(fixture.options([path])) {
            throw MemoryExchange.Failure(description: "host key mismatch for h: the server presented SHA256:A")
        }
        #expect(result.exitStatus == .problem)
        #expect(result.message == "host key mismatch for h: the server presented SHA256:A")
        #expect(fixture.remote.requests.isEmpty)
    }

    @Test("a missing input file stops the run before connecting")
    func missingInput() throws {
        let fixture = try AgentFixture()
        let result = fixture.run(fixture.options([fixture.directory.file("nope.csv")]))
        #expect(result.exitStatus == .problem)
        #expect(result.message?.contains("nope.csv: No such file or directory; nothing was uploaded") == true)
        #expect(!fixture.connected)
    }

    @Test("without students.csv nothing is uploaded")
    func missingStudents() throws {
        let fixture = try AgentFixture(students: nil)
        let path = try fixture.file("user.csv", Rows.user("K1"))
        let result = fixture.run(fixture.options([path]))
        #expect(result.exitStatus == .problem)
        #expect(result.message?.hasPrefix("cannot fetch /outbound/students.csv") == true)
        #expect(!fixture.remote.requests.contains { $0.hasPrefix("upload") })
    }

    @Test("exit statuses combine: a problem wins over rejected rows, which win over success")
    func exitStatusOrder() {
        let statuses: [AgentExitStatus] = [.success, .rowsRejected, .problem]
        #expect(statuses.max() == .problem)
        #expect([AgentExitStatus.success, .rowsRejected].max() == .rowsRejected)
        var summary = ReportSummary()
        for (status, expected) in [
            ("processed", AgentExitStatus.success), ("duplicate", .success), ("processed_with_errors", .rowsRejected),
            ("rejected", .problem), ("held", .problem), ("superseded", .problem),
        ] {
            summary.status = status
            #expect(FileOutcome.reported(summary).exitStatus == expected, "\(status)")
        }
        #expect(FileOutcome.noReport.exitStatus == .problem)
        #expect(FileOutcome.checked(rowErrors: 2).exitStatus == .rowsRejected)
    }
}

extension FileOutcome {
    /// The reason of a `notUploaded` outcome, empty otherwise.
    var reason: String {
        if case .notUploaded(let reason) = self { return reason }
        return ""
    }
}
