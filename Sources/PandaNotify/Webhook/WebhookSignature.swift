import PandaCore

/// `X-Panda-Signature: sha256=<hex HMAC-SHA256 of the body>`, keyed with the account's webhook secret.
public enum WebhookSignature {
    public static let headerName = "X-Panda-Signature"

    /// The header value for `body` signed with `secret`.
    public static func value(body: [UInt8], secret: String) -> String {
        "sha256=" + Digest.hex(Digest.hmacSHA256(key: Array(secret.utf8), message: body))
    }

    /// Checks a received header value as a receiver would (in constant time).
    public static func isValid(_ header: String, body: [UInt8], secret: String) -> Bool {
        Digest.constantTimeEqual(Array(header.utf8), Array(value(body: body, secret: secret).utf8))
    }
}
