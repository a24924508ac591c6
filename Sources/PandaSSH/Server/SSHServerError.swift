/// Everything that can go wrong in the SSH server, with a message that says what to do next.
public enum SSHServerError: Error, Equatable, CustomStringConvertible {
    /// The host-key directory could not be created or read.
    case hostKeyDirectory(path: String, reason: String)
    /// A host-key file is readable by group or others; sshd refuses such keys too.
    case hostKeyUnprotected(path: String, mode: UInt32)
    /// A host-key file exists but cannot be read or parsed.
    case hostKeyUnreadable(path: String, reason: String)
    /// A new host key could not be generated or written.
    case hostKeyGeneration(path: String, reason: String)
    /// The listening socket could not be created.
    case listen(host: String, port: Int, reason: String)
    /// A libssh call failed.
    case libssh(call: String, message: String)
    /// `start()` was called twice, or after `stop()`.
    case alreadyStarted
    /// A subsystem handler wrote to a channel that is closed or whose connection is gone.
    case channelClosed
    /// The client did not open its window for a write within the idle timeout.
    case writeTimedOut

    /// What happened and what to do about it.
    public var description: String {
        switch self {
        case .hostKeyDirectory(let path, let reason):
            "cannot use host-key directory \(path): \(reason); create it (mode 0700) or choose another data directory"
        case .hostKeyUnprotected(let path, let mode):
            "host key \(path) has mode \(String(mode, radix: 8)), readable by others; run `chmod 600 \(path)`"
        case .hostKeyUnreadable(let path, let reason):
            "cannot load host key \(path): \(reason); restore it from backup or delete it to generate a new one "
                + "(clients will then warn that the host key changed)"
        case .hostKeyGeneration(let path, let reason):
            "cannot create host key \(path): \(reason); check free space and permissions of the directory"
        case .listen(let host, let port, let reason):
            "cannot listen on \(host) port \(port): \(reason); choose another port or stop the program using it"
        case .libssh(let call, let message):
            "libssh \(call) failed: \(message)"
        case .alreadyStarted:
            "the SSH server was already started; create a new SSHServer to start again"
        case .channelClosed:
            "the SSH channel is closed"
        case .writeTimedOut:
            "the client did not accept data within the idle timeout"
        }
    }
}
