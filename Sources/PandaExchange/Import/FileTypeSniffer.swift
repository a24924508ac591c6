import Foundation
import PandaFormats

/// Finds a file's record type from its first rows (files are recognized by keyword, not by name), so a
/// batch can be put in processing order before any file is applied.
enum FileTypeSniffer {
    /// The format of the first row with a known keyword among the first `rows` rows, if any.
    static func format(descriptor: Int32, rows: Int = 100, table: FormatTable = .standard) -> RecordFormat? {
        let reader = CSVReader(
            source: PositionedByteSource(descriptor: descriptor), limits: CSVLimits(chunkSize: 64 * 1024))
        for _ in 0..<rows {
            guard let row = try? reader.next() else { return nil }
            guard row.fieldCount > 0 else { continue }
            if let format = table.format(forKeyword: row.string(at: 0)) { return format }
        }
        return nil
    }

    /// The place of a format in a batch (spec §5); files of no known type go last (they are rejected).
    static func order(of format: RecordFormat?) -> Int {
        format?.processingOrder ?? Int.max
    }
}

/// Reads a descriptor with `pread` from its own offset, leaving the descriptor's offset alone.
struct PositionedByteSource: ByteSource {
    let descriptor: Int32
    var offset: Int64 = 0

    init(descriptor: Int32) { self.descriptor = descriptor }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(FormatError) -> Int {
        while true {
            let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
            if count >= 0 {
                offset += Int64(count)
                return count
            }
            if errno != EINTR { throw .readFailed(errno: errno) }
        }
    }
}
