import CLibSSH
import Foundation

/// One authenticated client connection to an SSH server (the institution's side of the exchange).
///
/// Not thread-safe: created, used and closed on one thread, as libssh requires of a session.
public final class SSHClientSession {
    let session: OpaquePointer
    public let configuration: SSHClientConfiguration
    /// The fingerprint of the host key the server presented (one of the expected ones).
    public let serverFingerprint: String
    private var closed = false

    /// The server's host-key types, one kind per attempt, in the order clients prefer them. The fingerprints
    /// given may be of any one kind (`panda account show` prints all three): a server presents one key per
    /// connection, so when the one it chose is not among them the next kind is asked for, as OpenSSH orders
    /// host-key algorithms by what `known_hosts` holds.
    static let hostKeyAlgorithmKinds = [
        ["ssh-ed25519"], ["ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"],
        ["rsa-sha2-512", "rsa-sha2-256"],
    ]

    /// Connects, checks the server's host key against the configuration before sending anything else, and
    /// authenticates with `key`. Throws an `SSHClientError` that says what to fix.
    public static func connect(
        _ configuration: SSHClientConfiguration, key: ClientPrivateKey
    ) throws(SSHClientError) -> SSHClientSession {
        var presented: [String] = []
        var kindUnsupported: SSHClientError?
        for algorithms in hostKeyAlgorithmKinds {
            switch try attempt(configuration, key: key, hostKeyAlgorithms: algorithms.joined(separator: ",")) {
            case .connected(let session): return session
            case .untrusted(let fingerprint): presented.append(fingerprint)
            case .kindNotOffered(let error): kindUnsupported = error
            }
        }
        guard presented.isEmpty else {
            throw .hostKeyMismatch(
                host: configuration.host, presented: presented.joined(separator: " and "),
                expected: configuration.expectedHostKeys)
        }
        throw kindUnsupported
            ?? .connectFailed(host: configuration.host, port: configuration.port, reason: "no host key offered")
    }

    private enum Attempt {
        case connected(SSHClientSession)
        /// The server's key of this kind is not among the expected ones; nothing was sent.
        case untrusted(String)
        /// The server has no host key of this kind.
        case kindNotOffered(SSHClientError)
    }

    private static func attempt(
        _ configuration: SSHClientConfiguration, key: ClientPrivateKey, hostKeyAlgorithms: String
    ) throws(SSHClientError) -> Attempt {
        guard let session = ssh_new() else {
            throw .connectFailed(host: configuration.host, port: configuration.port, reason: "out of memory")
        }
        do {
            try configure(session, configuration, hostKeyAlgorithms: hostKeyAlgorithms)
            guard ssh_connect(session) == SSH_OK else {
                let reason = LibSSH.errorMessage(session, rc: -1)
                let error = SSHClientError.connectFailed(
                    host: configuration.host, port: configuration.port, reason: reason)
                // Only a key exchange that found no common host-key algorithm is worth another kind.
                guard reason.contains("host key algo") else { throw error }  // freed below
                ssh_free(session)
                return .kindNotOffered(error)
            }
            let presented = try presentedFingerprint(session, configuration)
            guard configuration.trusts(presented) else {
                ssh_disconnect(session)
                ssh_free(session)
                return .untrusted(presented)
            }
            try authenticate(session, configuration, key: key)
            return .connected(
                SSHClientSession(session: session, configuration: configuration, serverFingerprint: presented))
        } catch let error as SSHClientError {
            ssh_free(session)
            throw error
        } catch {
            ssh_free(session)
            throw .connectFailed(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
    }

    private init(session: OpaquePointer, configuration: SSHClientConfiguration, serverFingerprint: String) {
        self.session = session
        self.configuration = configuration
        self.serverFingerprint = serverFingerprint
    }

    deinit {
        close()
        ssh_free(session)
    }

    /// Opens an SFTP session on this connection.
    public func openSFTP() throws(SSHClientError) -> SFTPClient {
        try SFTPClient(connection: self)
    }

    /// Disconnects (idempotent).
    public func close() {
        guard !closed else { return }
        closed = true
        ssh_disconnect(session)
    }

    /// libssh's last error on this connection.
    var lastError: String { LibSSH.errorMessage(session, rc: -1) }

    // MARK: - Steps

    private static func configure(
        _ session: OpaquePointer, _ configuration: SSHClientConfiguration, hostKeyAlgorithms: String
    ) throws {
        try LibSSH.setOption(session, SSH_OPTIONS_HOST, configuration.host)
        try LibSSH.setOption(session, SSH_OPTIONS_USER, configuration.username)
        var port = UInt32(clamping: configuration.port)
        try LibSSH.check(ssh_options_set(session, SSH_OPTIONS_PORT, &port), "ssh_options_set(PORT)")
        var timeout = max(1, configuration.timeoutSeconds)
        try LibSSH.check(ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &timeout), "ssh_options_set(TIMEOUT)")
        // The fingerprints given on the command line are the only trust: no ~/.ssh/config, no known_hosts.
        var processConfig = false
        try LibSSH.check(
            ssh_options_set(session, SSH_OPTIONS_PROCESS_CONFIG, &processConfig), "ssh_options_set(PROCESS_CONFIG)")
        try LibSSH.setOption(session, SSH_OPTIONS_KNOWNHOSTS, "/dev/null")
        try LibSSH.setOption(session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null")
        try LibSSH.setOption(session, SSH_OPTIONS_HOSTKEYS, hostKeyAlgorithms)
        try LibSSH.setOption(
            session, SSH_OPTIONS_PUBLICKEY_ACCEPTED_TYPES, hostKeyAlgorithmKinds.joined().joined(separator: ","))
        try LibSSH.setOption(session, SSH_OPTIONS_COMPRESSION, "no")
    }

    private static func presentedFingerprint(
        _ session: OpaquePointer, _ configuration: SSHClientConfiguration
    ) throws(SSHClientError) -> String {
        var raw: OpaquePointer?
        guard ssh_get_server_publickey(session, &raw) == SSH_OK, let raw else {
            ssh_disconnect(session)
            throw .connectFailed(
                host: configuration.host, port: configuration.port, reason: "the server presented no host key")
        }
        let key = LibSSHKey(owning: raw)
        do {
            return try key.fingerprint()
        } catch {
            ssh_disconnect(session)
            throw .connectFailed(
                host: configuration.host, port: configuration.port, reason: "the server's host key is unreadable")
        }
    }

    private static func authenticate(
        _ session: OpaquePointer, _ configuration: SSHClientConfiguration, key: ClientPrivateKey
    ) throws(SSHClientError) {
        // The service request first: the server's `server-sig-algs` arrives before its answer, and libssh picks
        // an RSA signature (SHA-2 rather than SHA-1) from it before it sends anything for the key.
        guard ssh_service_request(session, "ssh-userauth") == SSH_OK else {
            let detail = LibSSH.errorMessage(session, rc: -1)
            ssh_disconnect(session)
            throw .connectFailed(host: configuration.host, port: configuration.port, reason: detail)
        }
        let rc = withExtendedLifetime(key.key) { ssh_userauth_publickey(session, nil, key.key.raw) }
        guard rc == SSH_AUTH_SUCCESS.rawValue else {
            let detail = LibSSH.errorMessage(session, rc: rc)
            ssh_disconnect(session)
            let reason: String
            if rc == SSH_AUTH_DENIED.rawValue || rc == SSH_AUTH_PARTIAL.rawValue {
                reason = detail.contains("not allowed") ? detail : "public key not accepted"
            } else {
                reason = detail
            }
            throw .authenticationRefused(
                username: configuration.username, fingerprint: key.fingerprint, reason: reason)
        }
    }
}
