import Foundation
import PandaTesting
import Testing

/// `lftp` over `sftp://` (it runs OpenSSH's `ssh -s sftp`).
@Suite("lftp")
struct LftpInteropTests {
    @Test("lftp gets students.csv, uploads, lists and renames")
    func lftpRoundTrip() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        try exchange.publishRoster("uni1")
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        let upload = try exchange.csvFile("lftp.csv", tag: "lftp")
        let client = LftpClient(login: exchange.login("uni1", key), workingDirectory: exchange.clientDirectory)

        let outcome = try client.run([
            "get /outbound/students.csv -o students-lftp.csv",
            "put lftp.csv -o /inbound/lftp.csv",
            "cls -1 /inbound/",
            "echo renaming",
            "mv /inbound/lftp.csv /inbound/lftp-final.csv",
            "cls -1 /inbound/",
        ])

        #expect(outcome.succeeded, "\(outcome.stderr)")
        let listings = outcome.stdout.components(separatedBy: "renaming")
        #expect(listings.first?.contains("lftp.csv") == true, "\(outcome.stdout)")
        #expect(listings.last?.contains("lftp-final.csv") == true, "\(outcome.stdout)")
        try RoundTrip(
            exchange: exchange, account: "uni1", key: key, downloaded: exchange.clientDirectory + "/students-lftp.csv",
            uploaded: upload, uploadName: "lftp.csv", finalName: "lftp-final.csv"
        ).verify()
    }
}
