/// A violation of SFTP framing, thrown by `SFTPSession.receive`: the transport must close the channel.
///
/// Nothing after such a violation can be trusted to start on a packet boundary, so the session stops answering
/// (like OpenSSH's `sftp-server`, which exits). Replies to the packets before it have been sent.
public enum SFTPFramingError: Error, Sendable, Hashable {
    /// A packet announced more bytes than `SFTPLimits.maxPacketLength`.
    case packetTooLarge(length: UInt32, limit: UInt32)
    /// A packet announced a length of 0, so it has not even a type.
    case emptyPacket
    /// The first packet was not `SSH_FXP_INIT`.
    case expectedInit(receivedType: UInt8)
    /// A second `SSH_FXP_INIT` arrived.
    case repeatedInit
    /// A packet is too short for its request id (or `INIT` for its version).
    case truncatedPacket(type: UInt8)
    /// `receive` was called after a framing error or after `close()`.
    case sessionClosed

    /// A sentence for the server's log.
    public var message: String {
        switch self {
        case .packetTooLarge(let length, let limit):
            "SFTP packet of \(length) bytes exceeds the limit of \(limit) bytes"
        case .emptyPacket: "SFTP packet of length 0"
        case .expectedInit(let type): "expected SSH_FXP_INIT as the first SFTP packet, received type \(type)"
        case .repeatedInit: "SSH_FXP_INIT received twice"
        case .truncatedPacket(let type): "SFTP packet of type \(type) is too short for its header"
        case .sessionClosed: "the SFTP session is closed"
        }
    }
}
