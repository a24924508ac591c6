import Foundation

/// What orders a record of a sorted run besides its payload (see `RunMerge`): `primary` first, `secondary`
/// last.
struct RunOrder: Equatable {
    var primary: UInt64
    var secondary: UInt32
}

/// Writes records, already in order, to a `SpillFile`: each is `primary` (8 bytes), `secondary` (4), the
/// payload's length (4) and the payload, in the machine's byte order (the file never leaves the process).
struct RunWriter {
    static let headerSize = 16
    let file: SpillFile
    private var buffer: [UInt8] = []

    init(file: SpillFile) {
        self.file = file
        buffer.reserveCapacity(Self.bufferSize)
    }

    static let bufferSize = 256 * 1024

    mutating func append(_ order: RunOrder, payload: UnsafeBufferPointer<UInt8>) throws {
        if buffer.count + Self.headerSize + payload.count > Self.bufferSize { try flush() }
        withUnsafeBytes(of: order.primary) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: order.secondary) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(payload.count)) { buffer.append(contentsOf: $0) }
        buffer.append(contentsOf: payload)
    }

    /// Writes what is buffered; call once after the last record.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try file.append($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Reads the records of a run written by `RunWriter`, in order, through a small buffer.
final class RunReader {
    private let file: SpillFile
    private var buffer: UnsafeMutableRawBufferPointer
    private var offset: Int64 = 0
    private var start = 0
    private var end = 0

    /// The current record (valid after `advance()` returned true, until the next call).
    private(set) var order = RunOrder(primary: 0, secondary: 0)
    private(set) var payload = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    init(file: SpillFile, bufferSize: Int = 64 * 1024) {
        self.file = file
        buffer = .allocate(byteCount: max(bufferSize, RunWriter.headerSize), alignment: 8)
    }

    deinit { buffer.deallocate() }

    /// Moves to the next record; false at the end of the run.
    func advance() throws(HostError) -> Bool {
        guard try available(RunWriter.headerSize) else { return false }
        let header = UnsafeRawPointer(buffer.baseAddress! + start)
        let primary = header.loadUnaligned(as: UInt64.self)
        let secondary = header.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        let length = Int(header.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        guard try available(RunWriter.headerSize + length) else {
            throw HostError(operation: "read spill file (cut short)", code: EIO)
        }
        order = RunOrder(primary: primary, secondary: secondary)
        payload = UnsafeBufferPointer(
            start: (buffer.baseAddress! + start + RunWriter.headerSize).assumingMemoryBound(to: UInt8.self),
            count: length)
        start += RunWriter.headerSize + length
        return true
    }

    /// Whether `count` bytes from `start` are in the buffer, reading (and growing the buffer) as needed;
    /// false only at the end of the file with nothing left.
    private func available(_ count: Int) throws(HostError) -> Bool {
        if end - start >= count { return true }
        if count > buffer.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 8)
            larger.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: end - start)
            buffer.deallocate()
            buffer = larger
        } else if start > 0 {
            memmove(buffer.baseAddress!, buffer.baseAddress! + start, end - start)
        }
        end -= start
        start = 0
        while end < count {
            let read = try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            if read == 0 {
                if end == 0 { return false }
                throw HostError(operation: "read spill file (cut short)", code: EIO)
            }
            end += read
            offset += Int64(read)
        }
        return true
    }
}
