import Foundation
import PandaTesting
import Testing

/// OpenSSH `sftp` and `scp` (SFTP protocol in OpenSSH 9) against the real server.
@Suite("OpenSSH sftp and scp")
struct OpenSSHInteropTests {
    @Test("sftp gets students.csv, uploads, lists and renames", arguments: KeyKind.allCases)
    func sftpRoundTrip(kind: KeyKind) throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        try exchange.publishRoster("uni1")
        let key = try exchange.registeredKey(kind, for: "uni1")
        let upload = try exchange.csvFile("sftp-\(kind).csv", tag: "sftp \(kind)")

        let outcome = try exchange.openSSH("uni1", key).sftp([
            "get /outbound/students.csv students-sftp.csv",
            "put sftp-\(kind).csv /inbound/sftp-\(kind).csv",
            "ls -1 /inbound",
            "rename /inbound/sftp-\(kind).csv /inbound/sftp-\(kind)-final.csv",
            "ls -1 /inbound",
        ])

        #expect(outcome.succeeded, "\(outcome.stderr)")
        let listings = outcome.stdout.components(separatedBy: "sftp> rename")
        #expect(listings.first?.contains("/inbound/sftp-\(kind).csv") == true, "\(outcome.stdout)")
        #expect(listings.last?.contains("/inbound/sftp-\(kind)-final.csv") == true, "\(outcome.stdout)")
        try RoundTrip(
            exchange: exchange, account: "uni1", key: key, downloaded: exchange.clientDirectory + "/students-sftp.csv",
            uploaded: upload, uploadName: "sftp-\(kind).csv", finalName: "sftp-\(kind)-final.csv"
        ).verify()
    }

    @Test("scp downloads students.csv and uploads (scp has no listing or rename)")
    func scpRoundTrip() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        try exchange.publishRoster("uni1")
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        let upload = try exchange.csvFile("scp.csv", tag: "scp")
        let client = exchange.openSSH("uni1", key)

        let get = try client.scp(
            client.remote("/outbound/students.csv"), exchange.clientDirectory + "/students-scp.csv")
        let put = try client.scp(upload, client.remote("/inbound/scp.csv"))

        #expect(get.succeeded, "\(get.stderr)")
        #expect(put.succeeded, "\(put.stderr)")
        try RoundTrip(
            exchange: exchange, account: "uni1", key: key, downloaded: exchange.clientDirectory + "/students-scp.csv",
            uploaded: upload, uploadName: "scp.csv", finalName: nil
        ).verify()
    }

    @Test("WinSCP's pattern (upload NAME.filepart, then rename) queues exactly one upload, under the final name")
    func winSCPTemporaryName() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        let upload = try exchange.csvFile("x.csv", tag: "winscp")

        let outcome = try exchange.openSSH("uni1", key).sftp([
            "put x.csv /inbound/x.csv.filepart",
            "rename /inbound/x.csv.filepart /inbound/x.csv",
        ])

        #expect(outcome.succeeded, "\(outcome.stderr)")
        let entries = try exchange.awaitAudit("uni1") { $0.event == "file.rename" }
        #expect(entries.uploads(of: "/inbound/x.csv.filepart").isEmpty)
        #expect(entries.events("file.upload").count == 1, "\(entries.events("file.upload"))")
        try RoundTrip(
            exchange: exchange, account: "uni1", key: key, downloaded: nil, uploaded: upload, uploadName: "x.csv",
            finalName: nil
        ).verify()
    }
}
