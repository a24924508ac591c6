/// Splits the raw bytes of a well-formed row (`CSVRow.raw` of a row without a reading problem) into its
/// field values, quotes removed and doubled quotes undone, into storage it reuses: what
/// `UnchangedRowFilter` reads every field of every row through, without a closure per field.
///
/// Only ever a shortcut: a row it cannot split the way the reader did (`split` returns false, or another
/// field count) goes to the validator like any changed row.
final class RawRowSplitter {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Start and end of each field in `storage`; a row has at most `maximumFields` (the reader's limit).
    private let bounds: UnsafeMutablePointer<(start: Int, end: Int)>
    private let maximumFields = 64
    private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
        bounds = .allocate(capacity: maximumFields)
    }

    deinit {
        storage.deallocate()
        bounds.deallocate()
    }

    /// Field `index` of the last row split; valid until the next `split`.
    @inline(__always)
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let (start, end) = bounds[index]
        return UnsafeBufferPointer(start: storage + start, count: end - start)
    }

    /// Splits `raw`; false when it is not a well-formed row.
    func split(_ raw: [UInt8]) -> Bool {
        count = 0
        if raw.count > capacity {
            storage.deallocate()
            capacity = raw.count
            storage = .allocate(capacity: capacity)
        }
        // Locals, not properties, in the loop: each read of a class's `var` is an exclusivity check.
        let storage = self.storage
        let bounds = self.bounds
        let maximumFields = self.maximumFields
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        var fields = 0
        defer { count = fields }
        return raw.withUnsafeBufferPointer { bytes in
            let n = bytes.count
            var i = 0
            var written = 0
            while true {
                guard fields < maximumFields else { return false }
                let start = written
                if i < n && bytes[i] == quote {
                    i += 1
                    var closed = false
                    while i < n {
                        let byte = bytes[i]
                        if byte == quote {
                            if i + 1 < n && bytes[i + 1] == quote {
                                storage[written] = quote
                                written += 1
                                i += 2
                                continue
                            }
                            i += 1
                            closed = true
                            break
                        }
                        storage[written] = byte
                        written += 1
                        i += 1
                    }
                    guard closed, i == n || bytes[i] == comma else { return false }
                } else {
                    while i < n && bytes[i] != comma {
                        if bytes[i] == quote { return false }
                        storage[written] = bytes[i]
                        written += 1
                        i += 1
                    }
                }
                bounds[fields] = (start, written)
                fields += 1
                if i == n { return true }
                i += 1  // the comma; a comma at the very end starts one more (empty) field
            }
        }
    }
}
