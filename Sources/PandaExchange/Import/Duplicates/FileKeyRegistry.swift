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
/// In a first pass, the key of a stored record is remembered beside its loaded fingerprint (exactly, at no
/// cost in memory) and any other key in a `SpillingKeyIndex`. When some of the index's answers were not exact,
/// `finish()` returns every duplicate of the file, and a second pass answers from those alone.
final class FileKeyRegistry: DuplicateKeyDetector {
    private let index: SpillingKeyIndex?
    private let stored: FingerprintIndex?
    /// First pass: the duplicates found among stored keys (and at the end, the index's); second pass: the
    /// answers.
    private let duplicates: DuplicateLineList
    /// The format of the rows the filter holds (the file's), set by the filter.
    var heldFormat: RecordFormat?
    private let held = HeldRows()
    private var nextHeld = 0
    private var rejected: [RowError] = []
    /// Rows taken as unchanged, then found to be duplicates.
    private(set) var rejectedCount = 0
    /// Why answers stopped (writing a spill file failed): the file must be processed again later.
    private(set) var failure: String?

    /// A first pass: keys of records whose fingerprints are loaded (`stored`) are remembered there, others in
    /// `index`; `duplicates` (empty) collects what a second pass would need.
    init(index: SpillingKeyIndex, stored: FingerprintIndex?, duplicates: DuplicateLineList) {
        self.index = index
        self.stored = stored
        self.duplicates = duplicates
    }

    /// A second pass, answering from every duplicate the first pass found.
    init(secondPass duplicates: DuplicateLineList) {
        index = nil
        stored = nil
        self.duplicates = duplicates
    }

    // MARK: - The validator

    func firstLine(ofKey key: UnsafeBufferPointer<UInt8>, line: Int) -> Int? {
        release(before: line)
        return answer(key, entry: -1, line: line)
    }

    // MARK: - The filter

    /// Bytes of the rows held now.
    var heldBytes: Int { held.byteCount }

    /// Holds a row taken as unchanged (its key, its entry among the loaded fingerprints if they are, its raw
    /// bytes) until the rows before it have been seen.
    func hold(key: UnsafeBufferPointer<UInt8>, entry: Int?, line: Int, raw: UnsafeBufferPointer<UInt8>) {
        held.append(line: line, entry: entry ?? -1, key: key, raw: raw)
    }

    /// Decides every held row before `line`: rows before it were all seen.
    func release(before line: Int = .max) {
        let held = self.held
        var next = nextHeld
        let count = held.count
        guard next < count, held[next].line < line else { return }
        // Most held rows are of stored records whose fingerprints are loaded: answered in place, in this loop.
        let stored = index == nil ? nil : self.stored
        while next < count, held[next].line < line {
            let row = held[next]
            next += 1
            let first: Int?
            if row.entry >= 0, let stored {
                first = stored.firstLine(registering: row.entry, line: row.line)
                if let first { noteStoredDuplicate(line: row.line, firstLine: first) }
            } else {
                first = answer(held.key(of: row), entry: row.entry, line: row.line)
            }
            if let first { reject(held.raw(of: row), line: row.line, firstLine: first) }
        }
        nextHeld = next
        if next == count {
            held.removeAll()
            nextHeld = 0
        }
    }

    /// Forgets the rows still held (after a file problem: they are not looked at).
    func discardHeld() {
        held.removeAll()
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
        guard let index, try index.finish(into: duplicates) else { return nil }
        return duplicates
    }

    /// The first line of the key (of entry `entry` of the loaded fingerprints, when not -1).
    private func answer(_ key: UnsafeBufferPointer<UInt8>, entry: Int, line: Int) -> Int? {
        guard failure == nil else { return nil }
        do {
            guard let index else { return try duplicates.firstLine(of: line) }
            if let stored, let entry = entry >= 0 ? entry : stored.entry(ofKey: key) {
                guard let first = stored.firstLine(registering: entry, line: line) else { return nil }
                noteStoredDuplicate(line: line, firstLine: first)
                return first
            }
            return try index.firstLine(ofKey: key, line: line)
        } catch {
            failure = "finding duplicate keys failed: \(error)"
            return nil
        }
    }

    /// Keeps a duplicate of a stored key (an exact answer) for a second pass, should one be needed.
    private func noteStoredDuplicate(line: Int, firstLine: Int) {
        do {
            try duplicates.add(line: UInt32(clamping: line), firstLine: UInt32(clamping: firstLine))
        } catch {
            failure = failure ?? "finding duplicate keys failed: \(error)"
        }
    }

    /// The error the validator gives a duplicate row: the held row's bytes are read again to echo them.
    private func reject(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, firstLine: Int) {
        rejectedCount += 1
        let raw = Array(bytes) + [UInt8(ascii: "\n")]
        // It was read from the file as one well-formed row, so it reads again as one.
        guard let format = heldFormat else { return }
        // It was read from the file as one well-formed row, so it reads again as one (else nothing is echoed).
        let parsed = try? CSVReader(source: MemoryByteSource(raw)).next()
        let keyValues = format.keyFields.compactMap(format.position(of:)).map { parsed?.string(at: $0) ?? "" }
        let masked = parsed.map { RecordEcho().maskedBytes(of: $0, format: format, recognized: true) } ?? []
        rejected.append(
            RowError.duplicateKey(
                line: line, firstLine: firstLine, format: format, keyValues: keyValues,
                record: RecordEcho.reportText(masked)))
    }
}
