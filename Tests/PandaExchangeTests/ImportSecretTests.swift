import Foundation
import PandaCore
import PandaExchange
import PandaStore
import PandaTesting
import Testing

/// A password reaches no table, no report, no kept copy and no log line.
@Suite struct ImportSecretTests {
    static let secret = "Sup3rS3cret!x"

    @Test func passwordsAreNeverStoredOrEchoed() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        // Accepted, rejected (bad type), skipped (faculty) and broken (field count) rows with passwords.
        let content =
            Rows.user("K1", password: Self.secret) + Rows.user("K2", type: "7", password: Self.secret)
            + Rows.user("K3", status: "10", password: Self.secret) + "user,\"K4\",\"x\",\"\(Self.secret)\",\"A\"\n"
        try fixture.upload("user.csv", content)
        try fixture.upload("dry.csv", content, folder: "validate")
        let outcomes = try fixture.runBatch()
        #expect(outcomes.count == 2)
        let manual = try fixture.localFile("manual.csv", Rows.user("K5", password: Self.secret))
        let imported = try fixture.importer.importFile(atPath: manual, account: "uni1", asUpload: false)
        #expect(imported.entry.counts.created == 1)
        try FileManager.default.removeItem(atPath: manual)

        // Nothing under the data directory holds it: database (and WAL), kept copies, reports, spool.
        let enumerator = FileManager.default.enumerator(atPath: fixture.directory.path)
        var checked = 0
        while let relative = enumerator?.nextObject() as? String {
            let path = fixture.directory.path + "/" + relative
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            checked += 1
            #expect(data.range(of: Data(Self.secret.utf8)) == nil, "password found in \(relative)")
        }
        #expect(checked >= 8)
        #expect(!fixture.logs.lines.joined().contains(Self.secret))
        // The kept copy shows the password as ***, with the line numbers of the original.
        let kept = try fixture.text("processed", try #require(outcomes.first?.entry.keptName))
        #expect(kept.split(separator: "\n", omittingEmptySubsequences: false).count == 5)
        #expect(kept.contains("\"***\""))
        let json = ReportJSON.object(try #require(outcomes.first?.report)).rendered(pretty: false)
        #expect(!json.contains(Self.secret) && json.contains("***"))
    }
}
