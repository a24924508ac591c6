import CCrypto

/// Cryptographically secure random bytes (OpenSSL's CSPRNG), for tokens, salts and secrets.
public enum SecureRandom {
    public static func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&out, Int32(count)) == 1 else {
            fatalError("OpenSSL's random generator failed; refusing to continue without secure randomness")
        }
        return out
    }

    /// A URL-safe random token of `byteCount` random bytes, e.g. for API tokens.
    public static func token(byteCount: Int = 32) -> String {
        Base64.urlSafe(bytes(byteCount))
    }
}
