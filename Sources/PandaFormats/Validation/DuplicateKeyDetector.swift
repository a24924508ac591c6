/// Finds the rows of a file whose key an earlier row had (`duplicate_key`): the validator hands it the key of
/// every row whose key fields are valid, in line order.
///
/// `FileValidator` keeps keys in memory by default (`DuplicateKeyIndex`); a caller that must bound its
/// memory, or that sees rows the validator does not, gives its own.
public protocol DuplicateKeyDetector: AnyObject {
    /// Records `key` (see `DuplicateKeys.join`) for the row at `line` and returns the line of the row that
    /// had it first, or nil when no earlier row had it. Lines only increase from one call to the next.
    func firstLine(ofKey key: UnsafeBufferPointer<UInt8>, line: Int) -> Int?
}

/// How a `FileValidator` finds duplicate keys.
public enum DuplicateKeys {
    /// In memory, exactly (about 45 bytes a row, so 45 MB for a million rows).
    case inMemory
    /// Not at all: every row's key is taken as new.
    case unchecked
    /// By the caller's detector.
    case detector(any DuplicateKeyDetector)

    /// The bytes of a key made of several fields: the values joined by a NUL byte, which no field holds (the
    /// reader rejects it). A key of one field is that field's bytes.
    public static func join(
        fieldCount: Int, field: (Int) -> UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]
    ) {
        bytes.removeAll(keepingCapacity: true)
        for index in 0..<fieldCount {
            if index > 0 { bytes.append(0) }
            bytes.append(contentsOf: field(index))
        }
    }
}
