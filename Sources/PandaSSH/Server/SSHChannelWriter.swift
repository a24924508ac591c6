import CLibSSH

/// Writes a subsystem's answers to its channel. Blocking: waits for the client's window, so a slow client
/// slows only its own connection. Use it only from the handler's calls (the connection's thread).
public final class SSHChannelWriter {
    /// Nil once the channel is closed.
    var channel: OpaquePointer?
    private weak var connection: SSHConnection?

    init(channel: OpaquePointer, connection: SSHConnection) {
        self.channel = channel
        self.connection = connection
    }

    /// Writes all of `bytes`, or throws `SSHServerError.channelClosed` / `.writeTimedOut`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let channel, let connection, let base = bytes.baseAddress else {
            if bytes.isEmpty && channel != nil { return }
            throw SSHServerError.channelClosed
        }
        var offset = 0
        let deadline = ContinuousClock.now + connection.context.limits.idleTimeout
        while offset < bytes.count {
            let chunk = UInt32(min(bytes.count - offset, 1 << 30))
            let written = ssh_channel_write(channel, base + offset, chunk)
            guard written >= 0, self.channel != nil else { throw SSHServerError.channelClosed }
            offset += Int(written)
            connection.bytesOut += UInt64(written)
            if written == 0 {
                // libssh gave up waiting for a window adjust after the session timeout (the idle timeout).
                guard ContinuousClock.now < deadline, ssh_channel_is_open(channel) != 0 else {
                    throw ssh_channel_is_open(channel) != 0 ? SSHServerError.writeTimedOut : .channelClosed
                }
            }
        }
        connection.lastActivity = .now
    }
}
