import Foundation
import PandaFormats
import Testing

/// Prints (does not assert) how fast a million generated `user` rows are read and validated.
///
/// Only an optimized build measures anything (`swift test -c release --filter ThroughputTests`); a
/// debug build runs 50 000 rows so the suite stays fast, and says so.
@Suite struct ThroughputTests {
    static func userFile(rows: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows * 90)
        for index in 0..<rows {
            let line =
                "user,\"K\(1_000_000 + index)\",\"user\(index)\",\"\",\"Firstname\",\"Lastname-\(index % 977)\","
                + "\"user\(index)@students.example.edu\",\"2\",\"\(index % 4)\"\n"
            bytes.append(contentsOf: line.utf8)
        }
        return bytes
    }

    @Test func millionUserRows() throws {
        #if DEBUG
            let rows = 50_000
            let build = "debug build, not representative"
        #else
            let rows = 1_000_000
            let build = "optimized build"
        #endif
        let bytes = Self.userFile(rows: rows)
        let megabytes = Double(bytes.count) / 1_000_000

        var start = Date()
        let reader = CSVReader(source: MemoryByteSource(bytes))
        var read = 0
        while try reader.next() != nil { read += 1 }
        let readSeconds = Date().timeIntervalSince(start)
        #expect(read == rows)

        let roster = StudentSet((0..<rows).map { "K\(1_000_000 + $0)" })
        start = Date()
        let validator = FileValidator(source: MemoryByteSource(bytes), students: roster)
        while try validator.next() != nil {}
        let validateSeconds = Date().timeIntervalSince(start)
        #expect(validator.counts.accepted == rows)

        print(
            String(
                format: "PandaFormats throughput (%@): %d user rows, %.1f MB: read %.2f s (%.0f MB/s),"
                    + " validated %.2f s (%.0f MB/s, %.0f rows/s)",
                build, rows, megabytes, readSeconds, megabytes / readSeconds, validateSeconds,
                megabytes / validateSeconds,
                Double(rows) / validateSeconds))
    }
}
