import Foundation
import PandaTesting

/// One row of the intake queue.
struct QueuedUpload: Decodable, Sendable, Equatable {
    let folder: String
    let name: String
    let size: Int
    let sha256: String
    let status: String
}

/// Reads (and, where the command line cannot, changes) the store with the `sqlite3` program, the way an
/// operator would inspect it; the tests never link the store's code.
struct StoreInspector {
    let dataDirectory: String

    var databasePath: String { dataDirectory + "/panda.sqlite" }

    /// The intake queue of `account`, oldest first.
    func uploads(account: String) throws -> [QueuedUpload] {
        let rows = try query(
            "SELECT folder, name, size, sha256, status FROM uploads WHERE account = '\(account)' ORDER BY id")
        return try JSONDecoder().decode([QueuedUpload].self, from: Data((rows.isEmpty ? "[]" : rows).utf8))
    }

    /// Moves a key's expiry into the past, as time passing would: `panda key add` refuses past dates.
    func ageKey(fingerprint: String, account: String) throws {
        let past = Int64((Date().timeIntervalSince1970 - 3600) * 1000)
        _ = try query(
            "UPDATE public_keys SET expires_at = \(past) WHERE account = '\(account)' AND fingerprint = '\(fingerprint)'"
        )
    }

    /// Runs SQL with `sqlite3 -json` (a 60 s busy timeout, like the server's).
    func query(_ sql: String) throws -> String {
        let outcome = try ChildProcess.run(
            try ClientProgram.path("sqlite3"), ["-json", "-cmd", ".timeout 60000", databasePath, sql])
        guard outcome.succeeded else { throw QueryFailed(sql: sql, message: outcome.stderr) }
        return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// sqlite3 refused the statement.
    struct QueryFailed: Error, CustomStringConvertible {
        let sql: String
        let message: String
        var description: String { "sqlite3 \(sql): \(message)" }
    }
}
