import Foundation

/// What the agent reads from a result report's summary text (written by the server's `SummaryText`):
/// `Label:` lines padded to 12 columns, the status first word of its line, counts as `read 5, created 3, …`.
public struct ReportSummary: Sendable, Equatable {
    public var file = ""
    /// `processed`, `processed_with_errors`, `rejected`, `held`, `duplicate`…
    public var status = ""
    public var type = ""
    /// Row counts by name: read, created, updated, unchanged, skipped, rejected.
    public var counts: [String: Int] = [:]
    public var sha256 = ""
    /// The reason a file was rejected whole, as the report states it.
    public var problem: String?

    public init() {}

    /// Parses a summary; nil when the text is not a Panda result report.
    public static func parse(_ text: String) -> ReportSummary? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        guard lines.first == "Panda result report" else { return nil }
        var summary = ReportSummary()
        for line in lines {
            if let value = field("File:", line) { summary.file = value }
            if let value = field("Type:", line) { summary.type = value }
            if let value = field("SHA-256:", line) { summary.sha256 = value }
            if let value = field("Status:", line) {
                summary.status = String(value.prefix { $0 != " " })
            }
            if let value = field("Rows:", line) {
                for part in value.split(separator: ",") {
                    let words = part.split(separator: " ")
                    if words.count == 2, let number = Int(words[1]) { summary.counts[String(words[0])] = number }
                }
            }
            if line.hasPrefix("The file was rejected whole") {
                summary.problem = String(line)
            }
        }
        return summary.status.isEmpty ? nil : summary
    }

    /// `Label:` then spaces then the value; nil for other lines.
    private static func field(_ label: String, _ line: Substring) -> String? {
        guard line.hasPrefix(label) else { return nil }
        return line.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
    }

    /// `read 3, created 2, …, rejected 1` in the report's order.
    public var countsText: String {
        ["read", "created", "updated", "unchanged", "skipped", "rejected"].compactMap { name in
            counts[name].map { "\(name) \($0)" }
        }.joined(separator: ", ")
    }

    /// Rows the server rejected.
    public var rejectedRows: Int { counts["rejected"] ?? 0 }
}
