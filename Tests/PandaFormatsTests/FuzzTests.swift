import PandaFormats
import Testing

/// Hostile input never crashes the reader or the validator, and memory stays bounded.
@Suite struct FuzzTests {
    /// Random bytes biased towards the dialect's special bytes.
    static func hostileBytes(_ count: Int, using generator: inout SeededGenerator) -> [UInt8] {
        let special: [UInt8] = Array("\",\r\nuser,programuser,Property".utf8) + [0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]
        return (0..<count).map { _ in
            Bool.random(using: &generator)
                ? special.randomElement(using: &generator)! : UInt8.random(in: 1...255, using: &generator)
        }
    }

    @Test func randomBytesGiveTheSameRowsInAnyChunkingAndStayWithinLimits() throws {
        var generator = SeededGenerator(seed: 42)
        let limits = CSVLimits(maximumRecordLength: 300, maximumFieldCount: 20)
        for _ in 0..<200 {
            let bytes = Self.hostileBytes(Int.random(in: 0...3000, using: &generator), using: &generator)
            let whole = try readRows(bytes, limits: limits)
            for row in whole {
                #expect(row.raw.count <= limits.maximumRecordLength)
                #expect(row.fieldCount <= limits.maximumFieldCount)
            }
            let chunk = Int.random(in: 1...17, using: &generator)
            #expect(
                try readRows(bytes, chunk: chunk, limits: limits).map(RowSummary.init) == whole.map(RowSummary.init))
        }
    }

    @Test func randomBytesThroughTheValidator() {
        var generator = SeededGenerator(seed: 1)
        let students = StudentSet(["K1"])
        for _ in 0..<200 {
            var bytes = Self.hostileBytes(Int.random(in: 0...3000, using: &generator), using: &generator)
            if Bool.random(using: &generator) { bytes[0..<0] = [0x00] }
            do {
                let result = try validate(bytes, chunk: 5, students: students, definitions: DefinitionSet())
                #expect(result.counts.read == result.counts.accepted + result.counts.rejected + result.counts.skipped)
            } catch {
                #expect(!error.code.isEmpty)
            }
        }
    }

    @Test func oneHugeLineIsOneBoundedRow() throws {
        // 8 MiB without a line break, inside an open quote: one row, kept at the record-length limit.
        let bytes =
            Array("user,\"".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 8 << 20)
            + Array("\nuser,K1\n".utf8)
        let rows = try readRows(bytes)
        #expect(rows.count == 2)
        #expect(rows[0].problem == .recordTooLong)
        #expect(rows[0].raw.count == CSVLimits().maximumRecordLength)
        #expect(rows[1].fields == ["user", "K1"])
    }
}
