/// The limits of one SFTP session; what `limits@openssh.com` advertises, and what the engine enforces.
///
/// The defaults are OpenSSH's: packets up to 256 KiB (`SFTP_MAX_MSG_LENGTH`), reads and writes up to 1 KiB less,
/// so a maximal `DATA` reply or `WRITE` request still fits in a packet.
public struct SFTPLimits: Sendable, Hashable {
    /// Longest packet accepted or sent, not counting its 4-byte length prefix. Longer input closes the session.
    public var maxPacketLength: UInt32
    /// Largest `READ` answered in full; larger requests are answered with at most this many bytes.
    public var maxReadLength: UInt32
    /// Largest `WRITE` clients are told to send (advertised only: `maxPacketLength` is what is enforced).
    public var maxWriteLength: UInt32
    /// Files and directories one session may have open at once; one more is refused with `SSH_FX_FAILURE`.
    public var maxOpenHandles: Int
    /// Most entries sent in one `READDIR` reply (OpenSSH sends up to 100).
    public var maxDirectoryEntriesPerReply: Int

    /// Header bytes of a `DATA` reply before the data: type, id and the data's length.
    static let dataReplyOverhead: UInt32 = 1 + 4 + 4

    /// Creates limits, clamping `maxReadLength` so that a `DATA` reply never exceeds `maxPacketLength`.
    public init(
        maxPacketLength: UInt32 = 256 * 1024,
        maxReadLength: UInt32 = 256 * 1024 - 1024,
        maxWriteLength: UInt32 = 256 * 1024 - 1024,
        maxOpenHandles: Int = 512,
        maxDirectoryEntriesPerReply: Int = 100
    ) {
        // 1 KiB is the floor: below it a single long file name could not be answered.
        let packet = max(maxPacketLength, 1024)
        self.maxPacketLength = packet
        self.maxReadLength = min(max(maxReadLength, 1), packet - Self.dataReplyOverhead)
        self.maxWriteLength = min(max(maxWriteLength, 1), packet - 1024)
        self.maxOpenHandles = max(maxOpenHandles, 1)
        self.maxDirectoryEntriesPerReply = max(maxDirectoryEntriesPerReply, 1)
    }
}
