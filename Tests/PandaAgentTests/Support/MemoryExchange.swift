import Foundation
import PandaAgent

/// An account's SFTP tree in memory, with a stand-in for the server's importer: a file renamed to its final
/// name in the inbound folder gets the report `respond` makes, visible once the clock reaches its time.
final class MemoryExchange: RemoteExchange {
    /// A report the stand-in server will publish.
    struct Report {
        var readyAfter: Double
        var summaryName: String
        var summary: String
        var errors: String
    }

    let clock: ManualClock
    private(set) var files: [String: [UInt8]] = [:]
    private var scheduled: [(at: Date, report: Report)] = []
    /// Every request, in order: `upload /inbound/x.part`, `rename /inbound/x.part /inbound/x`, …
    private(set) var requests: [String] = []
    /// Makes the report of an upload (name, content), or nil for no report.
    var respond: (String, [UInt8]) -> Report? = { _, _ in nil }
    /// Paths whose upload fails midway (after writing part of the bytes).
    var failingUploads: Set<String> = []

    init(clock: ManualClock, students: [String]? = ["K1", "K2", "K3"]) {
        self.clock = clock
        if let students {
            files["/outbound/students.csv"] = Array(students.map { "student,\"\($0)\"\n" }.joined().utf8)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func put(_ path: String, _ text: String) { files[path] = Array(text.utf8) }

    func text(_ path: String) -> String? { files[path].map { String(decoding: $0, as: UTF8.self) } }

    func names(in folder: String) -> [String] {
        files.keys.filter { ($0 as NSString).deletingLastPathComponent == folder }
            .map { ($0 as NSString).lastPathComponent }.sorted()
    }

    func read(_ path: String) throws -> [UInt8] {
        requests.append("read \(path)")
        publishDue()
        guard let bytes = files[path] else { throw Failure(description: "no such file \(path)") }
        return bytes
    }

    func list(_ folder: String) throws -> [RemoteEntry] {
        requests.append("list \(folder)")
        publishDue()
        return names(in: folder).map { RemoteEntry(name: $0, size: UInt64(files[folder + "/" + $0]!.count)) }
    }

    func upload(from localPath: String, to path: String) throws {
        requests.append("upload \(path)")
        let bytes = Array(FileManager.default.contents(atPath: localPath) ?? Data())
        if failingUploads.contains(path) {
            files[path] = Array(bytes.prefix(bytes.count / 2))
            throw Failure(description: "connection lost while writing \(path)")
        }
        files[path] = bytes
    }

    func rename(_ path: String, to newPath: String) throws {
        requests.append("rename \(path) \(newPath)")
        guard let bytes = files.removeValue(forKey: path) else { throw Failure(description: "no such file \(path)") }
        files[newPath] = bytes
        let name = (newPath as NSString).lastPathComponent
        if let report = respond(name, bytes) {
            scheduled.append((clock.now().addingTimeInterval(report.readyAfter), report))
        }
    }

    func remove(_ path: String) throws {
        requests.append("remove \(path)")
        guard files.removeValue(forKey: path) != nil else { throw Failure(description: "no such file \(path)") }
    }

    func download(_ path: String, to localPath: String) throws {
        requests.append("download \(path)")
        guard let bytes = files[path] else { throw Failure(description: "no such file \(path)") }
        try Data(bytes).write(to: URL(fileURLWithPath: localPath))
    }

    private func publishDue() {
        let now = clock.now()
        for item in scheduled where item.at <= now {
            files["/results/" + item.report.summaryName] = Array(item.report.summary.utf8)
            let errors = item.report.summaryName.replacingOccurrences(of: ".summary.txt", with: ".errors.csv")
            files["/results/" + errors] = Array(item.report.errors.utf8)
        }
        scheduled.removeAll { $0.at <= now }
    }
}
