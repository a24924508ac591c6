import Foundation
import PandaTesting
import Testing

/// `panda import`, `validate`, `files`, `report` and `file approve|discard`, run as an operator runs them.
@Suite struct ImportCommandTests {
    func prepared() throws -> CLI {
        let cli = try CLI()
        try cli.ok("institution", "add", "uni1", "--name", "U", "--environments", "production")
        try cli.ok("roster", "add", "uni1", "K1", "K2", "K3", "K4", "K5")
        return cli
    }

    @Test func importPrintsTheSummaryAndRecordsTheFile() throws {
        let cli = try prepared()
        defer { cli.directory.remove() }
        let file = try cli.write(
            "user.csv", "user,K1,ada,,Ada,Lovelace,,2,1\nuser,K9,x,,Not,Known,,2,1\nuser,K2,b,pw,B,C,,7,1\n")
        let out = try cli.ok("import", "uni1", file)
        #expect(out.contains("Status:     processed_with_errors"))
        #expect(out.contains("read 3, created 1, updated 0, unchanged 0, skipped 0, rejected 2"))
        #expect(out.contains("not_in_records") && out.contains("invalid_code"))
        #expect(!out.contains(",pw,"))
        let files = try cli.ok("files", "uni1")
        #expect(files.contains("user.csv") && files.contains("processed_with_errors"))
        // The same content again is a duplicate.
        let again = try cli.json("import", "uni1", file) as? [String: Any]
        #expect(again?["status"] as? String == "duplicate")
    }

    @Test func reportJSONHasTheContractShape() throws {
        let cli = try prepared()
        defer { cli.directory.remove() }
        let file = try cli.write("user.csv", "user,K1,ada,secret,Ada,Lovelace,,2,1\nuser,K2,b,,B,C,,7,1\n")
        try cli.ok("import", "uni1", file, "--as-upload")
        for arguments in [["report", "uni1"], ["report", "uni1", "user.csv"], ["report", "uni1", "1"]] {
            let report = try #require(
                try cli.json(arguments[0], arguments[1], arguments.count > 2 ? arguments[2] : "--json")
                    as? [String: Any])
            #expect(report["file"] as? String == "user.csv")
            #expect(report["type"] as? String == "user")
            #expect(report["status"] as? String == "processed_with_errors")
            #expect((report["uploadedAt"] as? String)?.hasSuffix("Z") == true)
            #expect((report["processedAt"] as? String)?.hasSuffix("Z") == true)
            let counts = try #require(report["counts"] as? [String: Int])
            #expect(counts == ["read": 2, "created": 1, "updated": 0, "unchanged": 0, "skipped": 0, "rejected": 1])
            let errors = try #require(report["errors"] as? [[String: Any]])
            #expect(errors.count == 1)
            #expect(errors.first?["line"] as? Int == 2)
            #expect(errors.first?["code"] as? String == "invalid_code")
            #expect(errors.first?["field"] as? String == "UserType")
            #expect(errors.first?["record"] as? String == "user,K2,b,,B,C,,7,1")
        }
        let text = try cli.ok("report", "uni1")
        #expect(text.contains("File:       user.csv") && !text.contains("secret"))
    }

    @Test func validateChangesNothing() throws {
        let cli = try prepared()
        defer { cli.directory.remove() }
        let good = try cli.write("good.csv", "user,K1,ada,,Ada,Lovelace,,2,1\n")
        let bad = try cli.write("bad.csv", "user,K1,ada,,Ada,Lovelace,,2,1\nuser,K9,ada,,Ada,Lovelace,,2,1\n")
        let formatOnly = try cli.json("validate", good) as? [String: Any]
        #expect(formatOnly?["status"] as? String == "dry_run")
        #expect(formatOnly?["valid"] as? Int == 1)
        let withAccount = try cli.json("validate", good, "--account", "uni1") as? [String: Any]
        #expect((withAccount?["counts"] as? [String: Int])?["created"] == 1)
        // Errors: the report is printed and the exit status is 1.
        let result = try cli.run("validate", bad, "--account", "uni1")
        #expect(result.status == 1)
        #expect(result.stdout.contains("not_in_roster"))
        #expect(try cli.ok("files", "uni1").contains("no files"))
    }

    @Test func heldFilesAreApprovedOrDiscardedOnce() throws {
        let cli = try prepared()
        defer { cli.directory.remove() }
        let all = try cli.write("all.csv", (1...5).map { "user,K\($0),u,,A,B,,2,1\n" }.joined())
        try cli.ok("import", "uni1", all)
        let leavers = try cli.write("leavers.csv", "user,K1,u,,A,B,,2,2\nuser,K2,u,,A,B,,2,2\n")
        let held = try cli.json("import", "uni1", leavers) as? [String: Any]
        #expect(held?["status"] as? String == "held")
        let id = String(try #require(held?["id"] as? Int))
        #expect(try cli.ok("file", "approve", "uni1", id).contains("Status:     processed"))
        let again = try cli.run("file", "approve", "uni1", id)
        #expect(again.status == 1 && again.stderr.contains("not held"))
        #expect(try cli.run("file", "discard", "uni1", "999").status == 1)
        #expect(try cli.run("file", "approve", "uni1").status == 2)
        #expect(try cli.ok("audit", "uni1").contains("file.approve"))
    }

    @Test func helpDescribesTheCommands() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let overview = try cli.ok("help")
        for command in ["import", "validate", "files", "report", "file approve", "file discard"] {
            #expect(overview.contains(command), "\(command) missing from panda help")
        }
        #expect(try cli.ok("help", "import").contains("--as-upload"))
        #expect(try cli.ok("import", "--help").contains("not_in_records"))
    }
}
