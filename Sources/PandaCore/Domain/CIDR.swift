import Foundation

/// An IPv4 or IPv6 network (`192.0.2.0/24`, `2001:db8::/32`) or single address, used to restrict where
/// a key may log in from.
public struct CIDR: Hashable, Sendable, CustomStringConvertible {
    /// Network address bytes (4 or 16), with host bits cleared.
    public let network: [UInt8]
    public let prefixLength: Int

    public init(parsing text: String) throws(DomainError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let address = Self.parseAddress(String(parts[0])) else {
            throw .invalidCIDR(text)
        }
        let maxLength = address.count * 8
        var length = maxLength
        if parts.count == 2 {
            guard let n = Int(parts[1]), (0...maxLength).contains(n), parts[1].allSatisfy(\.isNumber) else {
                throw .invalidCIDR(text)
            }
            length = n
        }
        network = Self.mask(address, prefixLength: length)
        prefixLength = length
    }

    /// Whether `address` (textual IPv4 or IPv6; IPv4-mapped IPv6 counts as IPv4) lies in this network.
    public func contains(_ address: String) -> Bool {
        guard var bytes = Self.parseAddress(address) else { return false }
        if bytes.count == 16, network.count == 4, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xff,
            bytes[11] == 0xff
        {
            bytes = Array(bytes[12...])
        }
        guard bytes.count == network.count else { return false }
        return Self.mask(bytes, prefixLength: prefixLength) == network
    }

    public var description: String {
        let text: String
        if network.count == 4 {
            text = network.map(String.init).joined(separator: ".")
        } else {
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            var storage = in6_addr()
            withUnsafeMutableBytes(of: &storage) { $0.copyBytes(from: network) }
            inet_ntop(AF_INET6, &storage, &buffer, socklen_t(buffer.count))
            text = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return prefixLength == network.count * 8 ? text : "\(text)/\(prefixLength)"
    }

    /// Parses a list such as `192.0.2.0/24,2001:db8::1`.
    public static func parseList(_ text: String) throws(DomainError) -> [CIDR] {
        var result: [CIDR] = []
        for part in text.split(separator: ",") where !part.trimmingCharacters(in: .whitespaces).isEmpty {
            result.append(try CIDR(parsing: String(part)))
        }
        guard !result.isEmpty else { throw .invalidCIDR(text) }
        return result
    }

    static func parseAddress(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    static func mask(_ bytes: [UInt8], prefixLength: Int) -> [UInt8] {
        var out = bytes
        for i in 0..<out.count {
            let bitsInByte = max(0, min(8, prefixLength - i * 8))
            let byteMask: UInt8 = bitsInByte == 0 ? 0 : UInt8(truncatingIfNeeded: 0xff << (8 - bitsInByte))
            out[i] &= byteMask
        }
        return out
    }
}
