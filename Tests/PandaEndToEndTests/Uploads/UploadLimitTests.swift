import Foundation
import PandaTesting
import Testing

/// The per-file size limit and the account quota refuse uploads with a message the institution can act on,
/// and leave no partial file behind.
@Suite("Upload limits")
struct UploadLimitTests {
    @Test("a file over --max-file-size is refused with a clear message and leaves nothing behind")
    func maxFileSize() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        try exchange.panda("account", "set", "uni1", "--max-file-size", "1000", "--quota", "5000")
        let big = try exchange.clientFile("big.csv", Array(repeating: UInt8(ascii: "x"), count: 2000))
        let exact = try exchange.clientFile("exact.csv", Array(repeating: UInt8(ascii: "y"), count: 1000))

        let openSSH = try exchange.openSSH("uni1", key).sftp(["put \(big) /inbound/big.csv"])
        let lftp = try LftpClient(login: exchange.login("uni1", key), workingDirectory: exchange.clientDirectory)
            .run(["put big.csv -o /inbound/big-lftp.csv"])
        let rclone = RcloneClient(login: exchange.login("uni1", key))
        let rcloneOutcome = try rclone.run("copyto", [big, rclone.remote("/inbound/big-rclone.csv")])
        let paramiko = try ParamikoClient().run(
            exchange.login("uni1", key),
            operations: [.put(big, to: "/inbound/big-paramiko.csv"), .put(exact, to: "/inbound/exact.csv")])

        // OpenSSH's sftp prints only the status name ("Failure"); lftp, rclone and paramiko show the server's text.
        #expect(!openSSH.succeeded)
        #expect(openSSH.stderr.contains("/inbound/big.csv"), "\(openSSH.stderr)")
        for outcome in [lftp, rcloneOutcome] {
            #expect(!outcome.succeeded)
            #expect(outcome.stderr.contains("larger than the 1000 bytes allowed per file"), "\(outcome.stderr)")
        }
        #expect(paramiko.results.map(\.status) == [SFTPStatus.failure, SFTPStatus.ok], "\(paramiko.results)")
        #expect(
            paramiko.results.first?.message.contains("larger than the 1000 bytes allowed per file") == true,
            "\(paramiko.results)")
        #expect(exchange.hostFiles("uni1", "inbound") == ["exact.csv"])
        #expect(exchange.hostFiles("uni1", "spool").isEmpty)
        let entries = try exchange.awaitAudit("uni1") { $0.event == "file.upload" }
        #expect(entries.events("file.upload").compactMap { $0.field("file") } == ["/inbound/exact.csv"])
        #expect(try exchange.queuedUploads("uni1").map(\.name) == ["exact.csv"])
    }

    @Test("an upload beyond --quota is refused with a clear message; earlier uploads stay")
    func quota() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        try exchange.panda("account", "set", "uni1", "--max-file-size", "1000", "--quota", "5000")
        let part = try exchange.clientFile("part.csv", Array(repeating: UInt8(ascii: "z"), count: 900))
        let accepted = (1...5).map { "part-\($0).csv" }

        let paramiko = try ParamikoClient().run(
            exchange.login("uni1", key),
            operations: accepted.map { .put(part, to: "/inbound/\($0)") } + [.put(part, to: "/inbound/part-6.csv")])
        let openSSH = try exchange.openSSH("uni1", key).sftp(["put \(part) /inbound/part-7.csv"])
        let lftp = try LftpClient(login: exchange.login("uni1", key), workingDirectory: exchange.clientDirectory)
            .run(["put part.csv -o /inbound/part-8.csv"])

        #expect(paramiko.results.map(\.status) == Array(repeating: SFTPStatus.ok, count: 5) + [SFTPStatus.failure])
        #expect(paramiko.results.last?.message.contains("quota exceeded") == true, "\(paramiko.results)")
        #expect(!openSSH.succeeded)
        #expect(!lftp.succeeded)
        #expect(lftp.stderr.contains("quota exceeded"), "\(lftp.stderr)")
        #expect(exchange.hostFiles("uni1", "inbound") == accepted)
        #expect(exchange.hostFiles("uni1", "spool").isEmpty)
        let entries = try exchange.awaitAudit("uni1") { $0.event == "disconnect" }
        #expect(entries.events("file.upload").count == 5)
        #expect(try exchange.queuedUploads("uni1").map(\.name) == accepted)
    }
}
