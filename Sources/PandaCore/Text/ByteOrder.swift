import Foundation

/// Byte order of keys, a key before any longer key it begins: the order of the import's sorted runs and of
/// SQLite's BINARY collation, so keys read from runs and from the store's index compare the same way.
public enum ByteOrder {
    /// -1, 0 or 1 as `a` sorts before, with or after `b`.
    @inlinable
    public static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return order < 0 ? -1 : 1 }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
