/// Why the body of a packet could not be decoded; turned into `SSH_FX_BAD_MESSAGE` or a framing error by the caller.
enum SFTPDecodingError: Error, Equatable {
    /// A field runs past the end of the packet.
    case truncated
    /// A field holds a value the protocol does not allow (e.g. an absurd attribute count).
    case invalidValue
}
