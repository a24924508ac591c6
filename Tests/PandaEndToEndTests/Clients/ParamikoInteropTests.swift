import Foundation
import PandaTesting
import Testing

/// paramiko, the Python library behind many institutions' scripts.
@Suite("paramiko")
struct ParamikoInteropTests {
    @Test("paramiko gets students.csv, uploads, lists and renames", arguments: KeyKind.allCases)
    func paramikoRoundTrip(kind: KeyKind) throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        try exchange.publishRoster("uni1")
        let key = try exchange.registeredKey(kind, for: "uni1")
        let upload = try exchange.csvFile("paramiko-\(kind).csv", tag: "paramiko \(kind)")
        let downloaded = exchange.clientDirectory + "/students-paramiko.csv"

        let report = try ParamikoClient().run(
            exchange.login("uni1", key),
            operations: [
                .get("/outbound/students.csv", to: downloaded),
                .put(upload, to: "/inbound/paramiko-\(kind).csv"),
                .list("/inbound"),
                .rename("/inbound/paramiko-\(kind).csv", to: "/inbound/paramiko-\(kind)-final.csv"),
                .list("/inbound"),
                .list("/"),
            ])

        #expect(report.authenticated, "\(report.error ?? "")")
        #expect(report.results.allSatisfy { $0.status == SFTPStatus.ok }, "\(report.results)")
        #expect(report.results.count == 6)
        guard report.results.count == 6 else { return }
        #expect(report.results[2].names == ["paramiko-\(kind).csv"])
        #expect(report.results[4].names == ["paramiko-\(kind)-final.csv"])
        #expect(report.results[5].names == ["inbound", "outbound", "results", "validate"])
        try RoundTrip(
            exchange: exchange, account: "uni1", key: key, downloaded: downloaded, uploaded: upload,
            uploadName: "paramiko-\(kind).csv", finalName: "paramiko-\(kind)-final.csv"
        ).verify()
    }
}
