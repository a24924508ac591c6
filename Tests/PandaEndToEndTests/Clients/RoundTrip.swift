import Foundation
import PandaTesting
import Testing

/// What one client's session must leave behind: the roster it downloaded, its upload committed byte for
/// byte under the final name, one `file.upload` audit entry with the right size and SHA-256, and one row
/// in the intake queue.
struct RoundTrip {
    let exchange: LiveExchange
    let account: String
    let key: KeyGenerator.GeneratedKey
    /// The local copy of `/outbound/students.csv` the client downloaded.
    let downloaded: String?
    /// The local file the client uploaded.
    let uploaded: String
    /// The name it was uploaded under in `/inbound`.
    let uploadName: String
    /// The name it was renamed to afterwards, if the client can rename.
    let finalName: String?

    /// Checks the disk, the audit log and the intake queue.
    func verify(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let published = exchange.bytes(exchange.hostPath(account, "outbound", "students.csv"))
        if let downloaded {
            let got = exchange.bytes(downloaded)
            #expect(got != nil && got == published, "downloaded students.csv differs", sourceLocation: sourceLocation)
            #expect(
                String(decoding: got ?? [], as: UTF8.self).contains("student,\"K0000002\""),
                sourceLocation: sourceLocation)
        }

        let local = try #require(exchange.bytes(uploaded), sourceLocation: sourceLocation)
        let name = finalName ?? uploadName
        #expect(
            exchange.bytes(exchange.hostPath(account, "inbound", name)) == local,
            "\(name) on disk differs from the uploaded file", sourceLocation: sourceLocation)
        #expect(exchange.hostFiles(account, "inbound") == [name], sourceLocation: sourceLocation)
        #expect(exchange.hostFiles(account, "spool").isEmpty, "spool not empty", sourceLocation: sourceLocation)

        let digest = try SHA256Sum.hex(local)
        let fingerprint = try key.fingerprint()
        let entries = try exchange.awaitAudit(account) { entry in
            finalName == nil ? entry.event == "file.close" : entry.event == "file.rename"
        }
        let uploads = entries.uploads(of: "/inbound/\(uploadName)")
        #expect(
            uploads.count == 1, "file.upload entries: \(entries.events("file.upload"))", sourceLocation: sourceLocation)
        #expect(uploads.first?.field("sha256") == digest, sourceLocation: sourceLocation)
        #expect(uploads.first?.field("size") == String(local.count), sourceLocation: sourceLocation)
        #expect(
            entries.events("login").contains { $0.field("key") == fingerprint },
            "no login with \(fingerprint)", sourceLocation: sourceLocation)
        if downloaded != nil {
            #expect(
                entries.events("file.download").contains { $0.field("file") == "/outbound/students.csv" },
                sourceLocation: sourceLocation)
        }
        if let finalName {
            #expect(
                entries.events("file.rename").contains {
                    $0.field("from") == "/inbound/\(uploadName)" && $0.field("to") == "/inbound/\(finalName)"
                }, sourceLocation: sourceLocation)
        }

        let queue = try exchange.queuedUploads(account)
        #expect(
            queue == [QueuedUpload(folder: "inbound", name: name, size: local.count, sha256: digest, status: "queued")],
            "intake queue: \(queue)", sourceLocation: sourceLocation)
    }
}
