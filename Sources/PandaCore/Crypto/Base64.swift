import Foundation

/// Base64 helpers for the variants Panda prints.
public enum Base64 {
    /// Standard alphabet without `=` padding: the form of OpenSSH's `SHA256:` fingerprints.
    public static func unpadded(_ bytes: some Collection<UInt8>) -> String {
        var s = Data(bytes).base64EncodedString()
        while s.hasSuffix("=") { s.removeLast() }
        return s
    }

    /// URL-safe alphabet (`-`, `_`), no padding.
    public static func urlSafe(_ bytes: some Collection<UInt8>) -> String {
        unpadded(bytes).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    /// Decodes standard Base64 (padding required, as in OpenSSH key files); nil when malformed.
    public static func decode(_ text: String) -> [UInt8]? {
        Data(base64Encoded: text).map { [UInt8]($0) }
    }
}
