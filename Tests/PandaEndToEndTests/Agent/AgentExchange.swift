import Foundation
import PandaTesting
import Testing

/// A live server with account `uni1` (settle time 0, so uploads are processed at once), a registered ED25519
/// key and a published roster, plus a way to run `panda agent` against it as an institution would.
final class AgentExchange {
    let live: LiveExchange
    let key: KeyGenerator.GeneratedKey
    /// The server's host-key fingerprints, as `panda account show` prints them.
    let hostKeys: [String]

    init(students: [String] = ["K0000001", "K0000002", "K0000003"], keyKind: KeyKind = .ed25519) throws {
        live = try LiveExchange(institutions: ["uni1"])
        try live.panda("account", "set", "uni1", "--settle", "0")
        key = try live.registeredKey(keyKind, for: "uni1")
        try live.publishRoster("uni1", students: students)
        let shown = try live.panda("account", "show", "uni1", "--json")
        let object = try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any]
        let keys = object?["hostKeys"] as? [[String: Any]] ?? []
        hostKeys = keys.compactMap { $0["fingerprint"] as? String }
    }

    var reportsDirectory: String { live.clientDirectory + "/reports" }

    /// `panda agent 127.0.0.1 --port P --user uni1 --key KEY --host-key … --reports DIR --wait 30 ARGS…`.
    func agent(
        _ arguments: [String], key: String? = nil, hostKey: [String]? = nil, user: String = "uni1"
    ) throws -> ProcessOutcome {
        let all =
            [
                "agent", "127.0.0.1", "--port", String(live.port), "--user", user, "--key",
                key ?? self.key.privateKeyPath, "--host-key", (hostKey ?? hostKeys).joined(separator: ","),
                "--reports", reportsDirectory, "--wait", "30",
            ] + arguments
        return try ChildProcess.run(
            PandaBinary.path, all, workingDirectory: live.clientDirectory, timeout: .seconds(60))
    }

    /// Writes an export file into the client folder; returns its path.
    @discardableResult
    func export(_ name: String, _ text: String) throws -> String {
        try live.clientFile(name, Array(text.utf8))
    }

    /// Nothing reached the account: no upload queued, no file left in its inbound folder.
    func expectNothingUploaded(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try live.queuedUploads("uni1").isEmpty, sourceLocation: sourceLocation)
        #expect(live.hostFiles("uni1", "inbound").isEmpty, sourceLocation: sourceLocation)
        #expect(!(try live.audit("uni1")).contains { $0.event == "file.open_write" }, sourceLocation: sourceLocation)
    }

    func finish(sourceLocation: SourceLocation = #_sourceLocation) {
        live.finish(sourceLocation: sourceLocation)
    }
}

/// `user` rows in the layout of spec §5.
enum UserRows {
    static func row(_ id: String, email: String = "", password: String = "") -> String {
        "user,\"\(id)\",\"u\(id)\",\"\(password)\",\"First\",\"Last\",\"\(email)\",\"2\",\"1\"\r\n"
    }
}
