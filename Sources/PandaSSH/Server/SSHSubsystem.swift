/// Receives the bytes of one `sftp` subsystem channel; created per channel by the executable's
/// `SSHSubsystemFactory`.
///
/// Used only on the connection's thread: `received` is called with every chunk the client sends, in order,
/// and `closed` exactly once when the channel ends for any reason (client EOF or close, `received` threw,
/// connection lost, idle timeout, server shutdown). Answer through the `SSHChannelWriter` given to the factory.
public protocol SSHSubsystemHandler: AnyObject {
    /// Handles client bytes; the buffer is valid only during the call. Throwing closes the channel.
    func received(_ bytes: UnsafeRawBufferPointer) throws
    /// The channel is gone; release resources (e.g. abandon unfinished uploads).
    func closed()
}

/// Creates the handler of a new `sftp` channel for a logged-in account. It must not write yet (it runs while
/// libssh answers the subsystem request); throwing refuses the subsystem.
public typealias SSHSubsystemFactory = @Sendable (SSHLogin, SSHChannelWriter) throws -> any SSHSubsystemHandler
