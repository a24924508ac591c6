import CLibSSH

/// The one place where libssh results are checked and turned into `SSHServerError`s (as swift-nio does
/// for system calls), plus small conversions every caller needs.
enum LibSSH {
    /// Throws when `rc` is not `SSH_OK`, with libssh's own message for `handle` (a session or bind).
    static func check(_ rc: Int32, _ call: String, handle: OpaquePointer? = nil) throws {
        guard rc == SSH_OK else {
            throw SSHServerError.libssh(call: call, message: errorMessage(handle, rc: rc))
        }
    }

    /// Throws when a constructor returned NULL.
    static func checkNotNull(_ pointer: OpaquePointer?, _ call: String) throws -> OpaquePointer {
        guard let pointer else { throw SSHServerError.libssh(call: call, message: "returned NULL (out of memory?)") }
        return pointer
    }

    /// libssh's last error for a session or bind, or the bare return code.
    static func errorMessage(_ handle: OpaquePointer?, rc: Int32) -> String {
        if let handle, let text = ssh_get_error(UnsafeMutableRawPointer(handle)) {
            let message = String(cString: text)
            if !message.isEmpty { return message }
        }
        return "return code \(rc)"
    }

    /// Copies and frees a `char *` that libssh allocated for us.
    static func takeString(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        defer { ssh_string_free_char(pointer) }
        return String(cString: pointer)
    }

    /// Sets a string option on a session.
    static func setOption(_ session: OpaquePointer, _ option: ssh_options_e, _ value: String) throws {
        let rc = value.withCString { ssh_options_set(session, option, $0) }
        try check(rc, "ssh_options_set(\(option.rawValue))", handle: session)
    }

    /// Sets a string option on a bind.
    static func setOption(_ bind: OpaquePointer, _ option: ssh_bind_options_e, _ value: String) throws {
        let rc = value.withCString { ssh_bind_options_set(bind, option, $0) }
        try check(rc, "ssh_bind_options_set(\(option.rawValue))", handle: bind)
    }
}

/// Owns one `ssh_key` and frees it when released.
///
/// Swift may release an object right after its last use, so `raw` must only be used while the owner is
/// known to be alive (a parameter, or inside `withExtendedLifetime`); the methods below do that.
final class LibSSHKey {
    let raw: OpaquePointer

    init(owning raw: OpaquePointer) {
        self.raw = raw
    }

    deinit {
        ssh_key_free(raw)
    }

    /// Loads a private key file (OpenSSH or PEM format, unencrypted).
    static func importPrivateKey(path: String) throws -> LibSSHKey {
        var key: OpaquePointer?
        let rc = ssh_pki_import_privkey_file(path, nil, nil, nil, &key)
        guard rc == SSH_OK, let key else {
            throw SSHServerError.hostKeyUnreadable(path: path, reason: "not an unencrypted OpenSSH or PEM private key")
        }
        return LibSSHKey(owning: key)
    }

    /// Generates a new private key; `parameter` is the RSA size in bits (ignored for other types).
    static func generate(_ type: ssh_keytypes_e, parameter: Int32) throws -> LibSSHKey {
        var key: OpaquePointer?
        let rc = ssh_pki_generate(type, parameter, &key)
        guard rc == SSH_OK, let key else {
            throw SSHServerError.libssh(call: "ssh_pki_generate(\(type.rawValue))", message: "return code \(rc)")
        }
        return LibSSHKey(owning: key)
    }

    /// The key type name, e.g. `ssh-ed25519` (see `LibSSHKeyFacts`).
    var typeName: String { withExtendedLifetime(self) { LibSSHKeyFacts.typeName(raw) } }

    /// The public key blob, base64.
    func base64() throws -> String { try withExtendedLifetime(self) { try LibSSHKeyFacts.base64(raw) } }

    /// `SHA256:…` as `ssh-keygen -lf` prints it.
    func fingerprint() throws -> String { try withExtendedLifetime(self) { try LibSSHKeyFacts.fingerprint(raw) } }

    /// The public half as its own key.
    func publicKey() throws -> LibSSHKey {
        var pub: OpaquePointer?
        let rc = ssh_pki_export_privkey_to_pubkey(raw, &pub)
        guard rc == SSH_OK, let pub else {
            throw SSHServerError.libssh(call: "ssh_pki_export_privkey_to_pubkey", message: "return code \(rc)")
        }
        return LibSSHKey(owning: pub)
    }
}

/// Read-only facts about a key that libssh owns (e.g. the one a client presents during authentication).
enum LibSSHKeyFacts {
    /// The key type as SSH names it: `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`, `ssh-dss`…
    static func typeName(_ key: OpaquePointer) -> String {
        guard let name = ssh_key_type_to_char(ssh_key_type(key)) else { return "unknown" }
        return String(cString: name)
    }

    /// The public key blob, base64 encoded (the middle field of an `authorized_keys` line).
    static func base64(_ key: OpaquePointer) throws -> String {
        var out: UnsafeMutablePointer<CChar>?
        let rc = ssh_pki_export_pubkey_base64(key, &out)
        guard rc == SSH_OK, let text = LibSSH.takeString(out) else {
            throw SSHServerError.libssh(call: "ssh_pki_export_pubkey_base64", message: "return code \(rc)")
        }
        return text
    }

    /// `SHA256:…` exactly as `ssh-keygen -lf` prints it.
    static func fingerprint(_ key: OpaquePointer) throws -> String {
        var hash: UnsafeMutablePointer<UInt8>?
        var length = 0
        let rc = ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length)
        guard rc == SSH_OK, hash != nil else {
            throw SSHServerError.libssh(call: "ssh_get_publickey_hash", message: "return code \(rc)")
        }
        defer { ssh_clean_pubkey_hash(&hash) }
        guard let text = LibSSH.takeString(ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length)) else {
            throw SSHServerError.libssh(call: "ssh_get_fingerprint_hash", message: "returned NULL")
        }
        return text
    }
}
