import CLibSSH
import Foundation
import PandaCore

/// A public key read from its text form and checked by libssh: what Panda stores and matches at login.
public struct ParsedPublicKey: Sendable, Equatable {
    public var algorithm: SSHKeyAlgorithm
    public var bits: Int
    /// `SHA256:…`, byte for byte as `ssh-keygen -lf` prints it.
    public var fingerprint: String
    public var base64: String
    public var comment: String
    public var allowedSources: [CIDR]
    public var expiresAt: Date?
}

/// Turns `.pub` files and `authorized_keys` lines into checked keys, using libssh for the key material.
public enum PublicKeyParser {
    /// Parses a key file's text and applies `policy`; throws a `KeyError` saying what to do otherwise.
    public static func parse(_ text: String, policy: PublicKeyPolicy = .standard) throws(KeyError) -> ParsedPublicKey {
        let line = try AuthorizedKeyLine.parseFile(text)
        let material = try inspect(typeName: line.typeName, base64: line.base64)
        try policy.check(algorithm: material.algorithm, bits: material.bits)
        return ParsedPublicKey(
            algorithm: material.algorithm, bits: material.bits, fingerprint: material.fingerprint,
            base64: line.base64, comment: line.comment, allowedSources: line.allowedSources,
            expiresAt: line.expiresAt)
    }

    /// The algorithm, size and fingerprint of a Base64 key blob declared as `typeName`.
    public static func inspect(typeName: String, base64: String) throws(KeyError) -> KeyMaterial {
        if typeName.contains("-cert-v01@openssh.com") { throw .certificate(typeName) }
        guard let blob = Base64.decode(base64) else { throw .malformed("the key data is not valid Base64") }
        var reader = PandaCore.SSHWireReader(blob)
        guard let embedded = reader.readString().map({ String(decoding: $0, as: UTF8.self) }) else {
            throw .malformed("the key data is truncated")
        }
        guard embedded == typeName else { throw .typeMismatch(declared: typeName, actual: embedded) }
        guard let algorithm = SSHKeyAlgorithm(rawValue: typeName) else { throw .unsupportedType(typeName) }
        // Refuse DSA by name: this libssh may be built without DSA and would call it malformed.
        if algorithm == .dsa { throw .dsaRefused }

        let key = try LibSSHKey.importPublicKey(typeName: typeName, base64: base64)
        guard key.algorithm == algorithm else {
            throw .typeMismatch(declared: typeName, actual: key.algorithm?.rawValue ?? "unknown")
        }
        // libssh 0.10 has no key-size accessor; the size is read from the blob (the RSA modulus).
        let bits = SSHPublicKeyBlob.bits(ofBlob: blob)
        guard let fingerprint = try? key.fingerprint() else {
            throw .malformed("libssh could not compute the key's fingerprint")
        }
        return KeyMaterial(algorithm: algorithm, bits: bits, fingerprint: fingerprint)
    }

    /// What libssh reports about a key.
    public struct KeyMaterial: Sendable, Equatable {
        public var algorithm: SSHKeyAlgorithm
        public var bits: Int
        public var fingerprint: String
    }
}

extension LibSSHKey {
    /// Imports a public key from its Base64 blob, as declared by `typeName`.
    static func importPublicKey(typeName: String, base64: String) throws(KeyError) -> LibSSHKey {
        var key: ssh_key?
        let type = ssh_key_type_from_name(typeName)
        guard type != SSH_KEYTYPE_UNKNOWN else { throw .unsupportedType(typeName) }
        guard ssh_pki_import_pubkey_base64(base64, type, &key) == SSH_OK, let key else {
            throw .malformed("libssh could not read the \(typeName) key data; the line may be truncated")
        }
        return LibSSHKey(owning: key)
    }

    /// The algorithm libssh found in the key material.
    var algorithm: SSHKeyAlgorithm? { SSHKeyAlgorithm(rawValue: typeName) }
}
