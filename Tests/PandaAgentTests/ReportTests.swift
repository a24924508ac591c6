import Foundation
import PandaAgent
import PandaCore
import PandaExchange
import PandaStore
import Testing

@Suite("Report names and summaries")
struct ReportTests {
    @Test("a summary name is matched to its upload, with the server's time and an optional id suffix")
    func names() throws {
        let name = try #require(ReportName("user.csv.20261204T140311Z.summary.txt", upload: "user.csv"))
        #expect(name.processedAt == Date(timeIntervalSince1970: 1_796_392_991))
        #expect(name.errors == "user.csv.20261204T140311Z.errors.csv")
        #expect(ReportName("user.csv.20261204T140311Z-17.summary.txt", upload: "user.csv") != nil)
        for other in [
            "programuser.csv.20261204T140311Z.summary.txt", "user.csv.20261204T140311Z.errors.csv",
            "user.csv2.20261204T140311Z.summary.txt", "user.csv.2026-12-04.summary.txt",
            "user.csv.20261204T140311Z-x.summary.txt", "cycle-2026-12-04.summary.txt",
        ] {
            #expect(ReportName(other, upload: "user.csv") == nil, "\(other)")
        }
    }

    @Test("the server's summary text is read back: status, counts, SHA-256, problem")
    func summaryContract() throws {
        let bytes = Array(Rows.user("K1").utf8)
        let rendered = ServerReport.summary(
            "user.csv", bytes: bytes, status: .processedWithErrors,
            counts: FileCounts(read: 3, created: 2, updated: 0, unchanged: 0, skipped: 0, rejected: 1),
            processedAt: Date(timeIntervalSince1970: 1_796_393_391),
            errors: [StoredRowError(line: 2, code: "invalid_email", field: "Email", message: "bad", record: "user,…")])
        let summary = try #require(ReportSummary.parse(rendered.text))
        #expect(summary.file == "user.csv" && summary.type == "user")
        #expect(summary.status == "processed_with_errors")
        #expect(summary.counts == ["read": 3, "created": 2, "updated": 0, "unchanged": 0, "skipped": 0, "rejected": 1])
        #expect(summary.sha256 == Digest.sha256Hex(bytes))
        #expect(summary.problem == nil)

        let rejected = ServerReport.summary(
            "user.csv", bytes: bytes, status: .rejected, counts: FileCounts(read: 2, rejected: 2),
            processedAt: Date(), problem: FileProblem(code: "mixed_keywords", message: "line 2 is a program record"))
        let parsed = try #require(ReportSummary.parse(rejected.text))
        #expect(parsed.status == "rejected")
        #expect(parsed.problem?.contains("mixed_keywords") == true)
        #expect(ReportSummary.parse("not a report\n") == nil)
    }
}
