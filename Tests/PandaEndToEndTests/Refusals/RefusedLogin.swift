import Foundation
import PandaTesting
import Testing

/// A login attempt that must fail, and the proof that it changed nothing: the client downloaded and
/// uploaded nothing, the account has no login or file event, and the refusal is in the audit log with
/// its reason.
struct RefusedLogin {
    let exchange: LiveExchange
    let account: String

    /// Tries `get /outbound/students.csv` and `put` with OpenSSH sftp and `key`; returns sftp's outcome.
    @discardableResult
    func attempt(
        with key: KeyGenerator.GeneratedKey, sshOptions: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ProcessOutcome {
        let upload = try exchange.csvFile("refused-probe.csv", tag: "refused")
        let downloaded = exchange.clientDirectory + "/refused-students.csv"
        let outcome = try exchange.openSSH(account, key).sftp(
            ["get /outbound/students.csv refused-students.csv", "put \(upload) /inbound/refused-probe.csv"],
            options: sshOptions)
        #expect(!outcome.succeeded, "login was not refused: \(outcome.stdout)", sourceLocation: sourceLocation)
        #expect(
            outcome.stderr.contains("Permission denied (publickey)"), "\(outcome.stderr)",
            sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: downloaded), sourceLocation: sourceLocation)
        return outcome
    }

    /// Logs in with `key` and lists `/` (the control that shows the key worked before); returns the id of
    /// the last audit entry once that session is logged, so later checks can look only past it.
    func successfulControlLogin(with key: KeyGenerator.GeneratedKey, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> Int
    {
        let outcome = try exchange.openSSH(account, key).sftp(["ls /"])
        #expect(outcome.succeeded, "control login failed: \(outcome.stderr)", sourceLocation: sourceLocation)
        let entries = try exchange.awaitAudit { $0.event == "disconnect" && $0.account == account }
        return entries.last?.id ?? 0
    }

    /// Checks that the refusal of `key` was audited with a reason containing one of `reasons` (ignoring
    /// case) and that the account saw no session at all (looking only at entries after `since`).
    func expectAudited(
        _ key: KeyGenerator.GeneratedKey, reasonContaining reasons: String..., since: Int = 0,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let fingerprint = try key.fingerprint()
        func matches(_ entry: AuditRecord) -> Bool {
            let reason = (entry.field("reason") ?? "").lowercased()
            return entry.id > since && entry.event == "login.failed" && entry.field("user") == account
                && entry.field("key") == fingerprint && reasons.contains { reason.contains($0.lowercased()) }
        }
        let all = try exchange.awaitAudit(where: matches).filter { $0.id > since }
        #expect(
            all.contains(where: matches), "login.failed entries: \(all.events("login.failed"))",
            sourceLocation: sourceLocation)
        expectNothingHappened(in: all, sourceLocation: sourceLocation)
    }

    /// No login, download, upload or file change for the account, on disk or in the log.
    func expectNothingHappened(in entries: [AuditRecord], sourceLocation: SourceLocation = #_sourceLocation) {
        let sessionEvents = entries.filter {
            $0.account == account && ($0.event == "login" || $0.event.hasPrefix("file."))
        }
        #expect(sessionEvents.isEmpty, "\(sessionEvents)", sourceLocation: sourceLocation)
        #expect(exchange.hostFiles(account, "inbound").isEmpty, sourceLocation: sourceLocation)
        #expect(exchange.hostFiles(account, "spool").isEmpty, sourceLocation: sourceLocation)
    }

    /// The key's `lastUsedAt` from `panda key list --json` (nil when never used).
    func lastUsed(_ key: KeyGenerator.GeneratedKey) throws -> String? {
        let output = try exchange.panda("key", "list", account, "--json")
        let keys = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
        let fingerprint = try key.fingerprint()
        return keys.first { $0["fingerprint"] as? String == fingerprint }?["lastUsedAt"] as? String
    }

    /// The key's `state` from `panda key list --json`.
    func state(_ key: KeyGenerator.GeneratedKey) throws -> String? {
        let output = try exchange.panda("key", "list", account, "--json")
        let keys = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
        let fingerprint = try key.fingerprint()
        return keys.first { $0["fingerprint"] as? String == fingerprint }?["state"] as? String
    }
}
