/// The opaque handle string the engine gives clients: a slot in the handle table and that slot's generation.
///
/// The generation makes a handle kept after `CLOSE` invalid even once its slot holds another file.
struct SFTPHandleID: Hashable {
    /// Length of the handle string on the wire.
    static let wireLength = 8

    let slot: UInt32
    let generation: UInt32

    /// A handle no slot ever matches, for handle strings of the wrong length.
    static let invalid = SFTPHandleID(slot: .max, generation: 0)

    init(slot: UInt32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }

    /// Decodes a client's handle string; anything not issued by this engine becomes `.invalid`.
    init(wire bytes: UnsafeRawBufferPointer) {
        guard bytes.count == Self.wireLength else {
            self = .invalid
            return
        }
        slot = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        generation = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
    }

    /// Appends the handle as an SSH `string`.
    func encode(into writer: SFTPPacketWriter) {
        writer.appendUInt32(UInt32(Self.wireLength))
        writer.appendUInt32(slot)
        writer.appendUInt32(generation)
    }
}
