import Foundation
import PandaTesting
import Testing

/// `kill -9` at a random moment while a large file is imported; after the restart the file is applied
/// exactly once: one ledger entry, every row from it, the upload processed, its reports written.
@Suite("Import survives kill -9", .serialized)
struct ImportCrashTests {
    static let rows = 300_000
    static let rounds = 3

    /// The user file of one round: every row differs from the previous round's (LastName carries the round).
    static func userFile(round: Int) -> [UInt8] {
        var text = ""
        text.reserveCapacity(rows * 80)
        for index in 0..<rows {
            text += "user,\"K\(1_000_000 + index)\",\"u\(index)\",\"\",\"First\",\"Last\(round)\",\"\",\"2\",\"1\"\n"
        }
        return Array(text.utf8)
    }

    @Test("a killed import is applied exactly once after the restart", .timeLimit(.minutes(15)))
    func killDuringImport() throws {
        let exchange = try ImportExchange(settle: 0)
        defer { exchange.finish() }
        try exchange.prepare(students: (0..<Self.rows).map { "K\(1_000_000 + $0)" })
        // Each round's file changes every row, so nothing can pass for applied that was not.
        try exchange.panda("account", "set", "uni1", "--threshold", "100")
        var generator = SystemRandomNumberGenerator()
        var killedMidway = 0
        for round in 1...Self.rounds {
            let name = "user-\(round).csv"
            try exchange.clientFile(name, Self.userFile(round: round))
            try exchange.sftp(["put \(name) /inbound/\(name)"])
            // A random moment in a different stretch each round: early in the import, late in it, and around or
            // after its commit (a debug build takes about 5 s for the file).
            let stretches: [ClosedRange<UInt32>] = [0...2_000_000, 2_000_000...4_500_000, 4_500_000...8_000_000]
            let stretch = stretches[(round - 1) % stretches.count]
            usleep(UInt32.random(in: stretch, using: &generator))
            let before = try exchange.count("SELECT COUNT(*) FROM files WHERE name = '\(name)'")
            exchange.crash()
            if before == 0 { killedMidway += 1 }
            try exchange.restart()

            #expect(
                try exchange.await(timeout: .seconds(300)) {
                    try exchange.count("SELECT COUNT(*) FROM files WHERE name = '\(name)' AND finalized = 1") == 1
                }, "round \(round): not processed after the restart:\n\(exchange.server.log)")
            let entry = try exchange.rows("SELECT id, status, rows_read FROM files WHERE name = '\(name)'")
            #expect(entry.count == 1, "round \(round): \(entry)")
            let fields = entry.first?.split(separator: "|").map(String.init) ?? []
            #expect(fields.dropFirst().elementsEqual(["processed", String(Self.rows)]), "round \(round): \(entry)")
            let id = fields.first ?? "-"
            #expect(try exchange.count("SELECT COUNT(*) FROM users") == Self.rows)
            #expect(
                try exchange.count("SELECT COUNT(*) FROM users WHERE file_id = \(id) AND last_name = 'Last\(round)'")
                    == Self.rows)
            #expect(try exchange.rows("SELECT status FROM uploads WHERE name = '\(name)'") == ["processed"])
            #expect(exchange.hostFiles("inbound").isEmpty)
            #expect(exchange.hostFiles("results").filter { $0.hasPrefix(name + ".") }.count == 2)
        }
        // Not asserted (timing varies), but worth seeing when the suite runs.
        print("ImportCrashTests: \(killedMidway) of \(Self.rounds) kills came before the file's commit")
    }
}
