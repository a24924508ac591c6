/// Builds outgoing packets in one reusable buffer, so replies cost no allocation once the buffer has grown.
///
/// A packet is written between `beginPacket` and `endPacket`, which fills in its length. Several finished packets
/// may accumulate before the session hands the whole buffer to the transport in one call.
final class SFTPPacketWriter {
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    /// Bytes written so far, finished packets and the packet under construction.
    private(set) var count = 0
    /// Offset of the length field of the packet under construction, if any.
    private var packetStart: Int?

    init(initialCapacity: Int = 16 * 1024) {
        capacity = max(initialCapacity, 64)
        storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        storage.deallocate()
    }

    /// Everything written, valid until the next mutation.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: count) }

    /// Forgets every packet, keeping the capacity.
    func removeAll() {
        count = 0
        packetStart = nil
    }

    /// Starts a packet of type `type`, leaving room for its length.
    func beginPacket(_ type: SFTPPacketType) {
        packetStart = count
        appendUInt32(0)
        appendUInt8(type.rawValue)
    }

    /// Finishes the packet under construction by writing its length.
    func endPacket() {
        guard let start = packetStart else { return }
        setUInt32(UInt32(truncatingIfNeeded: count - start - 4), at: start)
        packetStart = nil
    }

    /// Drops the packet under construction, e.g. when the read that was to fill it failed.
    func cancelPacket() {
        guard let start = packetStart else { return }
        count = start
        packetStart = nil
    }

    /// Bytes of the packet under construction so far, including its type but not its length field.
    var currentPacketLength: Int { packetStart.map { count - $0 - 4 } ?? 0 }

    func appendUInt8(_ value: UInt8) {
        reserve(1)
        storage.storeBytes(of: value, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    func appendUInt32(_ value: UInt32) {
        reserve(4)
        storage.storeBytes(of: value.bigEndian, toByteOffset: count, as: UInt32.self)
        count += 4
    }

    func appendUInt64(_ value: UInt64) {
        reserve(8)
        storage.storeBytes(of: value.bigEndian, toByteOffset: count, as: UInt64.self)
        count += 8
    }

    /// Overwrites a `uint32` written earlier, e.g. a count known only at the end.
    func setUInt32(_ value: UInt32, at offset: Int) {
        storage.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
    }

    /// Appends raw bytes with no length prefix.
    func appendBytes(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (storage + count).copyMemory(from: base, byteCount: bytes.count)
        count += bytes.count
    }

    /// Appends an SSH `string` from raw bytes.
    func appendString(_ bytes: UnsafeRawBufferPointer) {
        appendUInt32(UInt32(truncatingIfNeeded: bytes.count))
        appendBytes(bytes)
    }

    /// Appends an SSH `string` holding the UTF-8 of `text`.
    func appendString(_ text: String) {
        var text = text
        text.withUTF8 { appendString(UnsafeRawBufferPointer($0)) }
    }

    /// Room for `length` more bytes at the end, to be filled in place (a `pread` straight into a `DATA` reply)
    /// and then claimed with `commitWritten`.
    func writableSpace(length: Int) -> UnsafeMutableRawBufferPointer {
        reserve(length)
        return UnsafeMutableRawBufferPointer(start: storage + count, count: length)
    }

    /// Claims `length` bytes filled in place after `writableSpace`.
    func commitWritten(_ length: Int) {
        count += length
    }

    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        let newStorage = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newStorage.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }
}
