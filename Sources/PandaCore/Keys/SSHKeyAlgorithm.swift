/// The public-key algorithms Panda knows by name.
public enum SSHKeyAlgorithm: String, Sendable, CaseIterable {
    case ed25519 = "ssh-ed25519"
    case ecdsaP256 = "ecdsa-sha2-nistp256"
    case ecdsaP384 = "ecdsa-sha2-nistp384"
    case ecdsaP521 = "ecdsa-sha2-nistp521"
    case rsa = "ssh-rsa"
    case dsa = "ssh-dss"

    /// The family name `ssh-keygen -l` prints in parentheses: `ED25519`, `ECDSA`, `RSA`, `DSA`.
    public var family: String {
        switch self {
        case .ed25519: "ED25519"
        case .ecdsaP256, .ecdsaP384, .ecdsaP521: "ECDSA"
        case .rsa: "RSA"
        case .dsa: "DSA"
        }
    }

    /// Key size in bits where it follows from the algorithm alone.
    public var fixedBits: Int? {
        switch self {
        case .ed25519: 256
        case .ecdsaP256: 256
        case .ecdsaP384: 384
        case .ecdsaP521: 521
        case .rsa, .dsa: nil
        }
    }
}
