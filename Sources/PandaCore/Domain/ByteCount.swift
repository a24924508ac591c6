import Foundation

/// A size in bytes, parsed from `2147483648`, `500MiB`, `2GiB`, `10MB` and printed as `2.0 GiB`.
public struct ByteCount: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let bytes: Int64

    public init(_ bytes: Int64) { self.bytes = bytes }

    public init(parsing text: String) throws(DomainError) {
        let units: [(String, Int64)] = [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40),
            ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
            ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("T", 1 << 40), ("B", 1),
        ]
        var number = text
        var multiplier: Int64 = 1
        for (suffix, factor) in units where text.uppercased().hasSuffix(suffix.uppercased()) {
            number = String(text.dropLast(suffix.count))
            multiplier = factor
            break
        }
        guard let value = Int64(number.trimmingCharacters(in: .whitespaces)), value >= 0 else {
            throw .invalidByteCount(text)
        }
        let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { throw .invalidByteCount(text) }
        bytes = product
    }

    public var description: String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f %@", value, units[unit])
    }

    public static func < (lhs: ByteCount, rhs: ByteCount) -> Bool { lhs.bytes < rhs.bytes }
}
