import Foundation
import PandaFormats

/// Sees the key of every row of a file that has one, in line order, and says which rows repeat an earlier
/// row's key: the rows the validator checks (as its `DuplicateKeyDetector`) and the rows `UnchangedRowFilter`
/// takes as unchanged, which the validator never sees.
///
/// The filter reads ahead of the validator, so the rows it takes as unchanged are held here (their bytes
/// kept) until every earlier row has been seen. One found then to repeat an earlier key is rejected after
/// all, with the `duplicate_key` error the validator would have given it (`takeRejected`).
///
/// Answers come from a `SpillingKeyIndex` (first pass), or from the duplicates a first pass found when its
/// answers were not all exact (second pass: see `finish()`).
final class FileKeyRegistry: DuplicateKeyDetector {
    enum Answers {
        case index(SpillingKeyIndex)
        case known(DuplicateLineList)
    }

    private let answers: Answers
    /// The format of the rows the filter holds (the file's), set by the filter.
    var heldFormat: RecordFormat?
    private var held: [HeldRow] = []
    private var heldKeysAndRows: [UInt8] = []
    private var nextHeld = 0
    private var rejected: [RowError] = []
    /// Rows taken as unchanged, then found to be duplicates.
    private(set) var rejectedCount = 0
    /// Why answers stopped (writing a spill file failed): the file must be processed again later.
    private(set) var failure: String?

    private struct HeldRow {
        let line: Int
        let keyStart: Int
        let keyCount: Int
        let rawCount: Int
    }

    init(answers: Answers) { self.answers = answers }

    // MARK: - The validator

    func firstLine(ofKey key: UnsafeBufferPointer<UInt8>, line: Int) -> Int? {
        release(before: line)
        return answer(key, line: line)
    }

    // MARK: - The filter

    /// Bytes of the rows held now.
    var heldBytes: Int { heldKeysAndRows.count }

    /// Holds a row taken as unchanged (its key, its raw bytes) until the rows before it have been seen.
    func hold(key: UnsafeBufferPointer<UInt8>, line: Int, raw: [UInt8]) {
        held.append(HeldRow(line: line, keyStart: heldKeysAndRows.count, keyCount: key.count, rawCount: raw.count))
        heldKeysAndRows.append(contentsOf: key)
        heldKeysAndRows.append(contentsOf: raw)
    }

    /// Decides every held row before `line`: rows before it were all seen.
    func release(before line: Int = .max) {
        while nextHeld < held.count, held[nextHeld].line < line {
            let row = held[nextHeld]
            nextHeld += 1
            let first = heldKeysAndRows.withUnsafeBufferPointer { bytes in
                answer(UnsafeBufferPointer(rebasing: bytes[row.keyStart..<row.keyStart + row.keyCount]), line: row.line)
            }
            if let first { reject(row, firstLine: first) }
        }
        if nextHeld == held.count {
            held.removeAll(keepingCapacity: true)
            heldKeysAndRows.removeAll(keepingCapacity: true)
            nextHeld = 0
        }
    }

    /// Forgets the rows still held (after a file problem: they are not looked at).
    func discardHeld() {
        held.removeAll(keepingCapacity: true)
        heldKeysAndRows.removeAll(keepingCapacity: true)
        nextHeld = 0
    }

    /// The errors of held rows found to be duplicates, in line order, since the last call.
    func takeRejected() -> [RowError] {
        defer { rejected.removeAll(keepingCapacity: true) }
        return rejected
    }

    // MARK: - After the last row

    /// nil when every answer was exact, else every duplicate of the file, for a second pass to answer from.
    func finish() throws -> DuplicateLineList? {
        release()
        if let failure { throw ImportError.failed(failure) }
        guard case .index(let index) = answers else { return nil }
        return try index.finish()
    }

    private func answer(_ key: UnsafeBufferPointer<UInt8>, line: Int) -> Int? {
        guard failure == nil else { return nil }
        do {
            switch answers {
            case .index(let index): return try index.firstLine(ofKey: key, line: line)
            case .known(let list): return try list.firstLine(of: line)
            }
        } catch {
            failure = "finding duplicate keys failed: \(error)"
            return nil
        }
    }

    /// The error the validator gives a duplicate row: the held row's bytes are read again to echo them.
    private func reject(_ row: HeldRow, firstLine: Int) {
        rejectedCount += 1
        let start = row.keyStart + row.keyCount
        let raw = Array(heldKeysAndRows[start..<start + row.rawCount]) + [UInt8(ascii: "\n")]
        // It was read from the file as one well-formed row, so it reads again as one.
        guard let format = heldFormat else { return }
        // It was read from the file as one well-formed row, so it reads again as one (else nothing is echoed).
        let parsed = try? CSVReader(source: MemoryByteSource(raw)).next()
        let keyValues = format.keyFields.compactMap(format.position(of:)).map { parsed?.string(at: $0) ?? "" }
        let masked = parsed.map { RecordEcho().maskedBytes(of: $0, format: format, recognized: true) } ?? []
        rejected.append(
            RowError.duplicateKey(
                line: row.line, firstLine: firstLine, format: format, keyValues: keyValues,
                record: RecordEcho.reportText(masked)))
    }
}
