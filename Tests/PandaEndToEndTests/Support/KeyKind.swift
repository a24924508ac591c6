/// The key types institutions use, as `ssh-keygen` makes them.
enum KeyKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case ed25519
    case ecdsa
    case rsa

    var sshKeygenType: String { rawValue }

    /// ECDSA P-384 and RSA 3072 (Panda's minimum for RSA is 2048).
    var bits: Int? {
        switch self {
        case .ed25519: nil
        case .ecdsa: 384
        case .rsa: 3072
        }
    }

    var description: String { rawValue }
}
