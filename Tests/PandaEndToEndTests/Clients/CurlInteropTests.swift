import Foundation
import PandaTesting
import Testing

/// `curl` with `sftp://` URLs (libssh2 1.10), as institutions script it.
@Suite("curl sftp://")
struct CurlInteropTests {
    @Test("curl gets students.csv, uploads, lists and renames", arguments: [KeyKind.ed25519, .ecdsa])
    func curlRoundTrip(kind: KeyKind) throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        try exchange.publishRoster("uni1")
        let key = try exchange.registeredKey(kind, for: "uni1")
        let upload = try exchange.csvFile("curl-\(kind).csv", tag: "curl \(kind)")
        let curl = CurlClient(login: exchange.login("uni1", key))
        let downloaded = exchange.clientDirectory + "/students-curl.csv"

        let get = try curl.download("/outbound/students.csv", to: downloaded)
        let put = try curl.upload(upload, to: "/inbound/curl-\(kind).csv")
        let before = try curl.list("/inbound/")
        let after = try curl.list(
            "/inbound/", quote: ["rename /inbound/curl-\(kind).csv /inbound/curl-\(kind)-final.csv"])

        for outcome in [get, put, before, after] { #expect(outcome.succeeded, "\(outcome.stderr)") }
        #expect(before.stdout.split(separator: "\n").contains("curl-\(kind).csv"), "\(before.stdout)")
        #expect(after.stdout.split(separator: "\n") == ["curl-\(kind)-final.csv"], "\(after.stdout)")
        try RoundTrip(
            exchange: exchange, account: "uni1", key: key, downloaded: downloaded, uploaded: upload,
            uploadName: "curl-\(kind).csv", finalName: "curl-\(kind)-final.csv"
        ).verify()
    }
}
