import Foundation

/// The rows `FileKeyRegistry` holds until the validator catches up: per row its line, its entry among the
/// loaded fingerprints (or -1), its key and its raw bytes, in buffers reused from one batch to the next.
///
/// Plain memory rather than arrays: a row is held for nearly every row of a re-sent file, and an array's
/// append costs a uniqueness check and an exclusive access each time.
final class HeldRows {
    struct Row {
        let line: Int
        let entry: Int
        let keyStart: Int
        let keyCount: Int
        let rawCount: Int
    }

    private var rows: UnsafeMutablePointer<Row>
    private var rowCapacity: Int
    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCapacity: Int
    private(set) var count = 0
    /// Bytes held (keys and rows).
    private(set) var byteCount = 0

    init() {
        rowCapacity = 1024
        rows = .allocate(capacity: rowCapacity)
        byteCapacity = 64 * 1024
        bytes = .allocate(capacity: byteCapacity)
    }

    deinit {
        rows.deallocate()
        bytes.deallocate()
    }

    func append(line: Int, entry: Int, key: UnsafeBufferPointer<UInt8>, raw: UnsafeBufferPointer<UInt8>) {
        if count == rowCapacity { growRows() }
        if byteCount + key.count + raw.count > byteCapacity { growBytes(byteCount + key.count + raw.count) }
        rows[count] = Row(line: line, entry: entry, keyStart: byteCount, keyCount: key.count, rawCount: raw.count)
        if let base = key.baseAddress, key.count > 0 { (bytes + byteCount).update(from: base, count: key.count) }
        if let base = raw.baseAddress, raw.count > 0 {
            (bytes + byteCount + key.count).update(from: base, count: raw.count)
        }
        count += 1
        byteCount += key.count + raw.count
    }

    subscript(index: Int) -> Row { rows[index] }

    func key(of row: Row) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + row.keyStart, count: row.keyCount)
    }

    func raw(of row: Row) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + row.keyStart + row.keyCount, count: row.rawCount)
    }

    func removeAll() {
        count = 0
        byteCount = 0
    }

    private func growRows() {
        let larger = UnsafeMutablePointer<Row>.allocate(capacity: rowCapacity * 2)
        larger.moveInitialize(from: rows, count: count)
        rows.deallocate()
        rows = larger
        rowCapacity *= 2
    }

    private func growBytes(_ needed: Int) {
        var capacity = byteCapacity * 2
        while capacity < needed { capacity *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        larger.update(from: bytes, count: byteCount)
        bytes.deallocate()
        bytes = larger
        byteCapacity = capacity
    }
}
