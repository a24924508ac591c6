import CLibSSH

/// The algorithms the server offers: modern only, as comma-separated libssh lists.
///
/// Strict key exchange (`kex-strict-s-v00@openssh.com`, the Terrapin fix) needs no setting: libssh 0.10.6
/// always appends it to the server's KEXINIT and enforces it when the client offers it too.
enum SSHAlgorithms {
    static let keyExchange = [
        "curve25519-sha256", "curve25519-sha256@libssh.org",
        "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
        "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
    ].joined(separator: ",")

    static let ciphers = [
        "chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com", "aes128-gcm@openssh.com",
        "aes256-ctr", "aes192-ctr", "aes128-ctr",
    ].joined(separator: ",")

    /// Encrypt-then-MAC first. The plain SHA-2 MACs stay because libssh2 1.10 (curl's SFTP on Debian 12)
    /// has no EtM MACs and no GCM: without them curl cannot connect at all.
    static let macs = [
        "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512",
    ].joined(separator: ",")

    /// No `ssh-rsa` (SHA-1 signatures) and no `ssh-dss`.
    static let hostKeys = [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "rsa-sha2-512", "rsa-sha2-256",
    ].joined(separator: ",")

    /// Signature algorithms accepted for user keys; also sent to clients as `server-sig-algs`, which makes
    /// OpenSSH and other modern clients sign RSA keys with SHA-2.
    static let publicKeys = hostKeys

    /// Key types a client can complete a login with. Anything else (DSA, certificates, security keys) is
    /// refused before the authenticator is asked: answering PK_OK to it would make the client sign with an
    /// algorithm libssh then rejects without any reply, leaving the client hanging until the grace time.
    static let userKeyTypes: Set<String> = [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa",
    ]

    /// Compression buys nothing for CSV over a LAN and costs CPU on every packet.
    static let compression = "none"

    /// Applies the lists to a bind; every accepted session inherits them.
    static func apply(to bind: OpaquePointer) throws {
        try LibSSH.setOption(bind, SSH_BIND_OPTIONS_KEY_EXCHANGE, keyExchange)
        try LibSSH.setOption(bind, SSH_BIND_OPTIONS_CIPHERS_C_S, ciphers)
        try LibSSH.setOption(bind, SSH_BIND_OPTIONS_CIPHERS_S_C, ciphers)
        try LibSSH.setOption(bind, SSH_BIND_OPTIONS_HMAC_C_S, macs)
        try LibSSH.setOption(bind, SSH_BIND_OPTIONS_HMAC_S_C, macs)
        try LibSSH.setOption(bind, SSH_BIND_OPTIONS_HOSTKEY_ALGORITHMS, hostKeys)
        try LibSSH.setOption(bind, SSH_BIND_OPTIONS_PUBKEY_ACCEPTED_KEY_TYPES, publicKeys)
    }

    /// Per-session settings that a bind cannot carry in libssh 0.10.
    static func apply(toSession session: OpaquePointer) throws {
        try LibSSH.setOption(session, SSH_OPTIONS_COMPRESSION_C_S, compression)
        try LibSSH.setOption(session, SSH_OPTIONS_COMPRESSION_S_C, compression)
    }
}
