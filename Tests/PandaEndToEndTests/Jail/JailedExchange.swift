import Foundation
import PandaTesting
import Testing

/// Two institutions and canaries for the jail tests: uni1 attacks, uni2 holds `/inbound/secret.csv`, and
/// `outside/canary.txt` sits beside the data directory. `finish()` proves that nothing outside
/// `DATA/accounts/uni1/` changed (content, size and modification time of every file and folder).
final class JailedExchange {
    let exchange: LiveExchange
    let attackerKey: KeyGenerator.GeneratedKey
    let canary: String
    let secretOfUni2: String
    /// A name for host files the attacks try to create outside the data directory (`/tmp/NAME`).
    let escapeName: String
    private let before: TreeSnapshot
    private let canaryBytes: [UInt8]

    /// Paths (relative to the temporary root) that may change during an attack: uni1's own tree, the store
    /// (the audit log grows), and the client's folder.
    static let mayChange = [
        "client", "data/accounts/uni1", "data/panda.sqlite", "data/panda.sqlite-wal",
        "data/panda.sqlite-shm", "data/panda.sqlite-journal",
    ]

    init() throws {
        exchange = try LiveExchange(institutions: ["uni1", "uni2"])
        try exchange.publishRoster("uni1")
        try exchange.publishRoster("uni2", students: ["K0000009"])
        attackerKey = try exchange.registeredKey(.ed25519, for: "uni1")
        let victimKey = try exchange.registeredKey(.ed25519, for: "uni2")
        let secret = try exchange.csvFile("secret.csv", tag: "uni2 secret")
        let stored = try exchange.openSSH("uni2", victimKey).sftp(["put \(secret) /inbound/secret.csv"])
        guard stored.succeeded else { throw LiveExchange.CommandFailed(command: "uni2 upload", output: stored.stderr) }
        secretOfUni2 = exchange.hostPath("uni2", "inbound", "secret.csv")

        canary = exchange.outsideDirectory + "/canary.txt"
        canaryBytes = Array("canary: must never change\n".utf8)
        try Data(canaryBytes).write(to: URL(fileURLWithPath: canary))
        escapeName = "panda-escape-\(UUID().uuidString)"
        // Let uni2's session end and the audit batch land before recording the "before" picture.
        try exchange.awaitAudit("uni2") { $0.event == "disconnect" }
        before = TreeSnapshot(of: exchange.root.path, excluding: Self.mayChange)
    }

    var uni1: OpenSSHClient { exchange.openSSH("uni1", attackerKey) }
    var uni1Login: SFTPLogin { exchange.login("uni1", attackerKey) }

    /// Everything outside uni1's tree is as it was; the canaries kept their bytes; nothing was created in
    /// `/tmp` under the escape name; uni1's tree holds only its fixed folders; then stops the server.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) {
        let after = TreeSnapshot(of: exchange.root.path, excluding: Self.mayChange)
        #expect(after.changes(since: before) == [], "changed outside uni1's tree", sourceLocation: sourceLocation)
        #expect(exchange.bytes(canary) == canaryBytes, sourceLocation: sourceLocation)
        #expect(exchange.bytes(secretOfUni2) != nil, "uni2's upload is gone", sourceLocation: sourceLocation)
        let escapes = ((try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []).filter {
            $0.hasPrefix(escapeName)
        }
        #expect(escapes == [], sourceLocation: sourceLocation)
        let uni1Folders =
            (try? FileManager.default.contentsOfDirectory(atPath: exchange.dataDirectory + "/accounts/uni1"))
        #expect(
            Set(uni1Folders ?? []).isSubset(of: [
                "outbound", "archive", "inbound", "validate", "results", "processed", "spool",
            ]),
            "\(uni1Folders ?? [])", sourceLocation: sourceLocation)
        exchange.finish(sourceLocation: sourceLocation)
    }

    /// Runs paramiko operations as uni1; each result must have the status at the same index.
    func expectStatuses(
        _ cases: [(ParamikoOperation, Int)], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ParamikoReport {
        let report = try ParamikoClient().run(uni1Login, operations: cases.map(\.0))
        #expect(report.authenticated, "\(report.error ?? "")", sourceLocation: sourceLocation)
        #expect(report.results.count == cases.count, sourceLocation: sourceLocation)
        for (result, (operation, status)) in zip(report.results, cases) {
            #expect(result.status == status, "\(operation) → \(result)", sourceLocation: sourceLocation)
        }
        return report
    }
}
