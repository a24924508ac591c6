import CLibSSH
import Foundation
import PandaCore

/// The institution's private key, loaded for public-key authentication.
///
/// Read in Swift first so each failure gets its own message (missing file, passphrase, a `.pub` file given
/// by mistake), then handed to libssh, which parses the key material.
public final class ClientPrivateKey {
    let key: LibSSHKey
    /// The key type name, e.g. `ssh-ed25519`.
    public let typeName: String
    /// `SHA256:…` of the public half, as `ssh-keygen -lf` prints it.
    public let fingerprint: String

    /// Loads an unencrypted OpenSSH (or PEM) private key of type ED25519, ECDSA or RSA.
    public init(path: String) throws(SSHClientError) {
        let text = try Self.readText(path)
        if text.hasPrefix("ssh-") || text.hasPrefix("ecdsa-") || text.contains("BEGIN SSH2 PUBLIC KEY") {
            throw .privateKeyInvalid(path: path, reason: "it is a public key")
        }
        if Self.isEncrypted(text) { throw .privateKeyEncrypted(path: path) }
        var raw: OpaquePointer?
        let rc = text.withCString { ssh_pki_import_privkey_base64($0, nil, nil, nil, &raw) }
        guard rc == SSH_OK, let raw else {
            throw .privateKeyInvalid(path: path, reason: "libssh cannot read it as an OpenSSH or PEM private key")
        }
        key = LibSSHKey(owning: raw)
        typeName = key.typeName
        let supported = ["ssh-ed25519", "ssh-rsa"].contains(typeName) || typeName.hasPrefix("ecdsa-sha2-")
        guard supported else {
            throw .privateKeyInvalid(path: path, reason: "\(typeName) keys are not accepted by Panda")
        }
        do {
            fingerprint = try key.fingerprint()
        } catch {
            throw .privateKeyInvalid(path: path, reason: "its fingerprint cannot be computed")
        }
    }

    private static func readText(_ path: String) throws(SSHClientError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .privateKeyUnreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw .privateKeyUnreadable(path: path, reason: "not a regular file")
        }
        guard info.st_size <= 64 * 1024 else {
            throw .privateKeyInvalid(path: path, reason: "the file is too large for a key")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .privateKeyUnreadable(path: path, reason: String(cString: strerror(errno))) }
            offset += n
        }
        defer { for index in bytes.indices { bytes[index] = 0 } }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .privateKeyInvalid(path: path, reason: "it is not a text file")
        }
        return text
    }

    /// Whether the key text is protected by a passphrase: an OpenSSH key whose cipher is not `none`, or a
    /// PEM key marked `ENCRYPTED`.
    static func isEncrypted(_ text: String) -> Bool {
        if text.contains("ENCRYPTED") { return true }
        guard text.contains("BEGIN OPENSSH PRIVATE KEY"), let (_, bytes) = OpenSSHPrivateKeyFile.decodePEM(text) else {
            return false
        }
        let magic = Array("openssh-key-v1".utf8) + [0]
        guard bytes.starts(with: magic) else { return false }
        var reader = PandaCore.SSHWireReader(Array(bytes.dropFirst(magic.count)))
        guard let cipher = reader.readString() else { return false }
        return String(decoding: cipher, as: UTF8.self) != "none"
    }
}
