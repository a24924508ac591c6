import Foundation
import PandaTesting
import Testing

/// `panda agent` against a real `panda serve`: the filtered file is what reaches the server, uploaded under a
/// temporary name and renamed, its reports are saved, and every refusal leaves nothing on the server.
@Suite("panda agent against a live server")
struct AgentEndToEndTests {
    static let secret = "Agent!Secret9"

    @Test("an export is filtered to the roster, uploaded atomically, and its reports saved: exit 3 for rejected rows")
    func filteredUploadWithRowErrors() throws {
        let exchange = try AgentExchange()
        defer { exchange.finish() }
        let export =
            UserRows.row("K0000001", email: "ann@uni.edu") + UserRows.row("K0000009")
            + UserRows.row("K0000002", email: "not-an-email", password: Self.secret) + UserRows.row("K0000008")
            + UserRows.row("K0000003")
        let path = try exchange.export("user.csv", export)

        let outcome = try exchange.agent([path])
        #expect(outcome.status == 3, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stdout.contains("user.csv: user rows, read 5, kept 3, dropped 2 not listed in students.csv"))
        #expect(outcome.stdout.contains("line 2 (export line 3): invalid_email Email:"))
        #expect(outcome.stdout.contains("processed_with_errors: read 3, created 2"))
        #expect(!outcome.stdout.contains(Self.secret) && !outcome.stderr.contains(Self.secret))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == export, "the export is not changed")

        // The server received exactly the listed rows (LF line ends), under a temporary name first.
        let filtered = [
            UserRows.row("K0000001", email: "ann@uni.edu"),
            UserRows.row(
                "K0000002", email: "not-an-email", password: Self.secret), UserRows.row("K0000003"),
        ]
        .map { $0.replacingOccurrences(of: "\r\n", with: "\n") }.joined()
        let audit = try exchange.live.awaitAudit("uni1") { $0.event == "file.upload" }
        let upload = try #require(audit.uploads(of: "/inbound/user.csv").first)
        #expect(upload.field("sha256") == (try SHA256Sum.hex(Array(filtered.utf8))))
        #expect(audit.contains { $0.event == "file.open_write" && $0.field("file") == "/inbound/user.csv.part" })
        #expect(
            audit.contains {
                $0.event == "file.rename" && $0.field("from") == "/inbound/user.csv.part"
                    && $0.field("to") == "/inbound/user.csv"
            })

        // The reports are in --reports, and `panda report` agrees with them.
        let saved = try FileManager.default.contentsOfDirectory(atPath: exchange.reportsDirectory).sorted()
        #expect(saved.count == 2 && saved.allSatisfy { $0.hasPrefix("user.csv.") })
        let summaryName = try #require(saved.first { $0.hasSuffix(".summary.txt") })
        let summary = try String(contentsOfFile: exchange.reportsDirectory + "/" + summaryName, encoding: .utf8)
        #expect(summary.contains("processed_with_errors") && summary.contains("invalid_email"))
        let report = try exchange.live.panda("report", "uni1", "user.csv", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        let counts = try #require(json["counts"] as? [String: Int])
        #expect(json["status"] as? String == "processed_with_errors")
        #expect(counts["read"] == 3 && counts["created"] == 2 && counts["rejected"] == 1)
    }

    @Test(
        "a clean export of definitions and memberships exits 0, uploaded in processing order",
        arguments: KeyKind.allCases)
    func cleanRun(keyKind: KeyKind) throws {
        let exchange = try AgentExchange(keyKind: keyKind)
        defer { exchange.finish() }
        let members = try exchange.export(
            "propertyuserbyid.csv", "propertyuserbyid,K0000001,RACE,BL\npropertyuserbyid,K0000007,RACE,BL\n")
        let property = try exchange.export("property.csv", "Property,RACE,Race,BL,\"Black\"\n")
        let outcome = try exchange.agent([members, property])
        #expect(outcome.status == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stdout.contains("exit status 0"))
        let renames = try exchange.live.audit("uni1").events("file.rename").compactMap { $0.field("to") }
        #expect(renames == ["/inbound/property.csv", "/inbound/propertyuserbyid.csv"])
        let saved = try FileManager.default.contentsOfDirectory(atPath: exchange.reportsDirectory)
        #expect(saved.count == 4)
    }

    @Test("an upload of a name still waiting in /inbound replaces it atomically, and the earlier is superseded")
    func replacesUnprocessedUpload() throws {
        let exchange = try AgentExchange()
        defer { exchange.finish() }
        try exchange.live.panda("account", "set", "uni1", "--settle", "3600")
        let path = try exchange.export("user.csv", UserRows.row("K0000001"))
        #expect(try exchange.agent([path, "--wait", "0"]).status == 1)
        try exchange.export("user.csv", UserRows.row("K0000001", email: "ann@uni.edu"))
        let second = try exchange.agent([path, "--wait", "0"])
        #expect(second.status == 1 && second.stdout.contains("uploaded, but no report within 0 s"))
        #expect(try exchange.live.queuedUploads("uni1").map(\.status) == ["superseded", "queued"])
        #expect(exchange.live.hostFiles("uni1", "inbound") == ["user.csv"])
    }

    @Test("a wrong --host-key disconnects before logging in, shows both fingerprints, uploads nothing")
    func wrongHostKey() throws {
        let exchange = try AgentExchange()
        defer { exchange.finish() }
        let path = try exchange.export("user.csv", UserRows.row("K0000001"))
        let wrong = "SHA256:" + String(repeating: "A", count: 43)
        let outcome = try exchange.agent([path], hostKey: [wrong])
        #expect(outcome.status == 1)
        // Each of the server's keys was asked for in turn, and none matched.
        #expect(exchange.hostKeys.count == 3)
        #expect(outcome.stderr.contains("host key mismatch for 127.0.0.1: the server presented SHA256:"))
        for presented in exchange.hostKeys {
            #expect(outcome.stderr.contains(presented), "\(presented) in \(outcome.stderr)")
        }
        #expect(outcome.stderr.contains("but --host-key expects \(wrong)"))
        try exchange.expectNothingUploaded()
        #expect(!(try exchange.live.audit("uni1")).contains { $0.event == "login" })
    }

    @Test("any one of the fingerprints `panda account show` prints is enough")
    func anyOneHostKey() throws {
        let exchange = try AgentExchange()
        defer { exchange.finish() }
        let path = try exchange.export("user.csv", UserRows.row("K0000001"))
        #expect(exchange.hostKeys.count == 3)
        for fingerprint in exchange.hostKeys {
            let outcome = try exchange.agent([path], hostKey: [fingerprint])
            #expect(outcome.status == 0, "\(fingerprint): \(outcome.stderr)")
        }
        #expect(try exchange.live.queuedUploads("uni1").count == 3)
    }

    @Test("--server-check: the server's dry run in /validate reports what would happen and applies nothing")
    func serverCheck() throws {
        let exchange = try AgentExchange()
        defer { exchange.finish() }
        // --no-filter keeps the unlisted student, whom only the server's roster check refuses.
        let path = try exchange.export("user.csv", UserRows.row("K0000001") + UserRows.row("K0000009"))
        let outcome = try exchange.agent(["--server-check", "--no-filter", path])
        #expect(outcome.status == 3, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stdout.contains("uploaded to /validate/user.csv"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("dry_run") && outcome.stdout.contains("some rows would be rejected"))
        let report = try exchange.live.panda("report", "uni1", "user.csv", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "dry_run")
        #expect((json["errors"] as? [[String: Any]])?.first?["code"] as? String == "not_in_roster")
        #expect(
            try StoreInspector(dataDirectory: exchange.live.dataDirectory).query("SELECT COUNT(*) AS n FROM users")
                == "[{\"n\":0}]")
        #expect(exchange.live.hostFiles("uni1", "inbound").isEmpty)
        let saved = try FileManager.default.contentsOfDirectory(atPath: exchange.reportsDirectory)
        #expect(saved.filter { $0.hasSuffix(".summary.txt") }.count == 1)
    }

    @Test("an unregistered key is refused with a clear message and nothing is uploaded")
    func unregisteredKey() throws {
        let exchange = try AgentExchange()
        defer { exchange.finish() }
        let other = try exchange.live.newKey(.ecdsa, name: "unregistered")
        let path = try exchange.export("user.csv", UserRows.row("K0000001"))
        let outcome = try exchange.agent([path], key: other.privateKeyPath)
        #expect(outcome.status == 1)
        #expect(
            outcome.stderr.contains(
                "the server refused key \(try other.fingerprint()) for user uni1 (public key not accepted)"))
        #expect(outcome.stderr.contains("panda key add"))
        try exchange.expectNothingUploaded()
    }

    @Test("key files the agent cannot use are refused before connecting, each with its reason")
    func unusableKeys() throws {
        let exchange = try AgentExchange()
        defer { exchange.finish() }
        let path = try exchange.export("user.csv", UserRows.row("K0000001"))
        let encrypted = exchange.live.clientDirectory + "/encrypted"
        let generated = try ProcessRunner.run(
            ProcessRunner.which("ssh-keygen") ?? "/usr/bin/ssh-keygen",
            ["-q", "-t", "ed25519", "-N", "a passphrase", "-f", encrypted, "-C", "enc"])
        #expect(generated.status == 0)
        let cases: [(String, String)] = [
            (encrypted, "is protected by a passphrase, which the agent does not support"),
            (exchange.key.publicKeyPath, "is not a usable private key (it is a public key)"),
            (exchange.live.clientDirectory + "/missing", "cannot read the private key"),
        ]
        for (key, message) in cases {
            let outcome = try exchange.agent([path], key: key)
            #expect(outcome.status == 1 && outcome.stderr.contains(message), "\(key): \(outcome.stderr)")
        }
        try exchange.expectNothingUploaded()
    }

    @Test("a file the server would reject whole (mixed keywords) is not uploaded: exit 1")
    func fileLevelProblem() throws {
        let exchange = try AgentExchange()
        defer { exchange.finish() }
        let path = try exchange.export("user.csv", UserRows.row("K0000001") + "programuser,K0000001,P1\n")
        let outcome = try exchange.agent([path])
        #expect(outcome.status == 1, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("file problem (mixed_keywords)"))
        #expect(outcome.stdout.contains("not uploaded: the server would reject it whole (mixed_keywords)"))
        try exchange.expectNothingUploaded()
    }

    @Test("--dry-run checks and uploads nothing")
    func dryRun() throws {
        let exchange = try AgentExchange()
        defer { exchange.finish() }
        let path = try exchange.export("user.csv", UserRows.row("K0000001") + UserRows.row("K0000002"))
        let outcome = try exchange.agent([path, "--dry-run"])
        #expect(outcome.status == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stdout.contains("valid (dry run, not uploaded)"))
        try exchange.expectNothingUploaded()
        #expect(!FileManager.default.fileExists(atPath: exchange.reportsDirectory))
    }
}
