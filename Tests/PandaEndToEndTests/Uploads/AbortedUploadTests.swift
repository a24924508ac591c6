import Foundation
import PandaTesting
import Testing

/// A client killed in the middle of an upload leaves nothing: no file in `/inbound`, nothing in the spool,
/// no `file.upload` entry and no row in the intake queue.
@Suite("Aborted uploads")
struct AbortedUploadTests {
    /// Clients that can be slowed down enough to be killed mid-transfer.
    enum SlowClient: String, CaseIterable, CustomStringConvertible {
        case curl
        case openSSH
        var description: String { rawValue }
    }

    @Test(
        "killing the client mid-upload leaves nothing in inbound, spool, audit or queue", arguments: SlowClient.allCases
    )
    func killedMidTransfer(client: SlowClient) throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        let large = try exchange.clientFile("large.csv", Self.randomBytes(count: 16 << 20))

        let upload: ChildProcess
        switch client {
        case .curl:
            upload = try CurlClient(login: exchange.login("uni1", key)).startUpload(
                large, to: "/inbound/large.csv", rateLimit: "512K")
        case .openSSH:
            // -l is in Kbit/s: 4000 is about 500 KB/s.
            upload = try exchange.openSSH("uni1", key).startSFTP(
                ["put \(large) /inbound/large.csv"], options: ["-l", "4000"])
        }
        defer { upload.stop() }

        let spool = exchange.hostPath("uni1", "spool")
        let started = eventually { Self.spoolBytes(spool) > 128 * 1024 }
        #expect(started, "the upload never reached the spool: \(upload.standardError)")
        #expect(upload.isRunning, "the upload finished before it could be killed")
        upload.killAbruptly()

        #expect(eventually { exchange.hostFiles("uni1", "spool").isEmpty }, "\(exchange.hostFiles("uni1", "spool"))")
        let entries = try exchange.awaitAudit("uni1") { $0.event == "disconnect" }
        #expect(exchange.hostFiles("uni1", "inbound").isEmpty)
        #expect(entries.events("file.upload").isEmpty)
        #expect(entries.events("file.abort").contains { $0.field("file") == "/inbound/large.csv" }, "\(entries)")
        #expect(try exchange.queuedUploads("uni1").isEmpty)
    }

    /// Bytes of all files in the spool folder.
    static func spoolBytes(_ folder: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.size] as? Int) ?? 0)
        }
    }

    static func randomBytes(count: Int) -> [UInt8] {
        let source = FileHandle(forReadingAtPath: "/dev/urandom")
        defer { try? source?.close() }
        return Array(source?.readData(ofLength: count) ?? Data(count: count))
    }
}
