/// Which keys may be registered and may log in (spec §3): ED25519, ECDSA P-256/384/521, RSA of at
/// least 2048 bits. DSA and short RSA keys are refused at registration and again at login.
public struct PublicKeyPolicy: Sendable {
    public var minimumRSABits: Int

    public init(minimumRSABits: Int = 2048) {
        self.minimumRSABits = minimumRSABits
    }

    public static let standard = PublicKeyPolicy()

    /// Throws the reason a key of this algorithm and size is not acceptable.
    public func check(algorithm: SSHKeyAlgorithm, bits: Int) throws(KeyError) {
        switch algorithm {
        case .ed25519, .ecdsaP256, .ecdsaP384, .ecdsaP521:
            return
        case .rsa:
            guard bits >= minimumRSABits else {
                throw .rsaTooShort(bits: bits, minimum: minimumRSABits)
            }
        case .dsa:
            throw .dsaRefused
        }
    }
}
