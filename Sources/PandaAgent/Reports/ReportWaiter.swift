import Foundation

/// Waits for the result reports of uploaded files: polls the results folder until each upload has its
/// report or the time is up.
///
/// A summary belongs to an upload when its name is the upload's (`ReportName`), it was not in the folder
/// before the upload, its time is not older than the upload (less the allowed clock difference), and the
/// SHA-256 it states is the uploaded file's. So a report of an earlier upload of the same name is never
/// taken for this one.
final class ReportWaiter {
    struct Pending {
        let name: String
        let sha256: String
        let uploadedAt: Date
    }

    let remote: any RemoteExchange
    let clock: any AgentClock
    let options: AgentOptions
    /// Summaries in the results folder before the first upload.
    private let existing: Set<String>
    /// Summaries already read that belong to another upload.
    private var examined: Set<String> = []

    init(remote: any RemoteExchange, clock: any AgentClock, options: AgentOptions, existing: Set<String>) {
        self.remote = remote
        self.clock = clock
        self.options = options
        self.existing = existing
    }

    /// The summary file names in the results folder now.
    static func summaries(in remote: any RemoteExchange, folder: String) throws -> Set<String> {
        Set(try remote.list(folder).map(\.name).filter { $0.hasSuffix(ReportName.summarySuffix) })
    }

    /// Polls until every pending upload has a report or `options.waitSeconds` have passed; returns the
    /// reports found, by upload name, each with its summary text.
    func wait(for pending: [Pending]) throws -> [String: (ReportName, ReportSummary, String)] {
        var found: [String: (ReportName, ReportSummary, String)] = [:]
        let deadline = clock.now().addingTimeInterval(Double(options.waitSeconds))
        while true {
            let names = try Self.summaries(in: remote, folder: options.resultsFolder)
            for upload in pending where found[upload.name] == nil {
                if let match = try match(upload, among: names) { found[upload.name] = match }
            }
            if found.count == pending.count { return found }
            let remaining = deadline.timeIntervalSince(clock.now())
            if remaining <= 0 { return found }
            clock.sleep(seconds: min(options.pollSeconds, remaining))
        }
    }

    private func match(_ upload: Pending, among names: Set<String>) throws -> (ReportName, ReportSummary, String)? {
        let earliest = upload.uploadedAt.addingTimeInterval(-options.clockSkewSeconds)
        let candidates = names.subtracting(existing).subtracting(examined)
            .compactMap { ReportName($0, upload: upload.name) }
            .filter { $0.processedAt >= earliest }
            .sorted { $0.processedAt < $1.processedAt }
        for candidate in candidates {
            let text = String(decoding: try remote.read(path(candidate.summary)), as: UTF8.self)
            if let summary = ReportSummary.parse(text), summary.sha256 == upload.sha256 {
                return (candidate, summary, text)
            }
            examined.insert(candidate.summary)
        }
        return nil
    }

    func path(_ name: String) -> String {
        options.resultsFolder.hasSuffix("/") ? options.resultsFolder + name : options.resultsFolder + "/" + name
    }
}
