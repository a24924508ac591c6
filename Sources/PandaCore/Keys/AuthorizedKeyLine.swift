import Foundation

/// The text form of a public key: one `.pub`/`authorized_keys` line (options, type, Base64 blob,
/// comment) or an RFC 4716 `---- BEGIN SSH2 PUBLIC KEY ----` block, as PuTTY and WinSCP export.
///
/// Only the text is parsed here; the key material itself is checked by libssh in `PandaSSH`.
public struct AuthorizedKeyLine: Sendable, Equatable {
    public var typeName: String
    public var base64: String
    public var comment: String
    /// From a `from="…"` option.
    public var allowedSources: [CIDR]
    /// From an `expiry-time="…"` option.
    public var expiresAt: Date?

    public init(typeName: String, base64: String, comment: String, allowedSources: [CIDR] = [], expiresAt: Date? = nil)
    {
        self.typeName = typeName
        self.base64 = base64
        self.comment = comment
        self.allowedSources = allowedSources
        self.expiresAt = expiresAt
    }

    /// Parses the contents of a key file. Blank lines and `#` comments are ignored; exactly one key must remain.
    public static func parseFile(_ text: String) throws(KeyError) -> AuthorizedKeyLine {
        if text.contains("PRIVATE KEY-----") || text.contains("PuTTY-User-Key-File") {
            throw .privateKeyGiven
        }
        if text.contains("---- BEGIN SSH2 PUBLIC KEY ----") {
            return try parseRFC4716(text)
        }
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !lines.isEmpty else { throw .empty }
        guard lines.count == 1 else { throw .multipleKeys(count: lines.count) }
        return try parse(lines[0])
    }

    /// Parses one `authorized_keys` line: `[options] type base64 [comment]`.
    public static func parse(_ line: String) throws(KeyError) -> AuthorizedKeyLine {
        var rest = Substring(line.trimmingCharacters(in: .whitespaces))
        var options: [(String, String?)] = []
        if let first = nextToken(&rest), !isKeyTypeName(first) {
            // Not a key type, so it is the options field (which may contain quoted spaces).
            var optionText = Substring(first)
            options = try parseOptions(&optionText)
        } else {
            rest = Substring(line.trimmingCharacters(in: .whitespaces))
        }
        guard let type = nextToken(&rest) else { throw .malformed("no key type") }
        guard let blob = nextToken(&rest) else { throw .malformed("no key data after \(type)") }
        let comment = rest.trimmingCharacters(in: .whitespaces)
        guard blob.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" || $0 == "=" }),
            Base64.decode(blob) != nil
        else { throw .malformed("the key data is not valid Base64") }
        var key = AuthorizedKeyLine(typeName: type, base64: blob, comment: comment)
        for (name, value) in options {
            switch name.lowercased() {
            case "from":
                key.allowedSources = try parseFrom(value ?? "")
            case "expiry-time":
                key.expiresAt = try parseExpiry(value ?? "")
            default:
                throw .unsupportedOption(value.map { "\(name)=\"\($0)\"" } ?? name)
            }
        }
        return key
    }

    /// Whether `name` is an algorithm name rather than an options field (they never contain `=` or `"`).
    static func isKeyTypeName(_ name: String) -> Bool {
        name.hasPrefix("ssh-") || name.hasPrefix("ecdsa-") || name.hasPrefix("sk-") || name.hasPrefix("rsa-")
            || name.hasPrefix("x509")
    }

    /// Splits off the next whitespace-delimited token, treating double-quoted runs as part of the token.
    static func nextToken(_ text: inout Substring) -> String? {
        text = text.drop(while: { $0 == " " || $0 == "\t" })
        guard !text.isEmpty else { return nil }
        var token = ""
        var quoted = false
        var index = text.startIndex
        while index < text.endIndex {
            let ch = text[index]
            if ch == "\\" && quoted, text.index(after: index) < text.endIndex {
                token.append(ch)
                index = text.index(after: index)
                token.append(text[index])
            } else if ch == "\"" {
                quoted.toggle()
                token.append(ch)
            } else if (ch == " " || ch == "\t") && !quoted {
                break
            } else {
                token.append(ch)
            }
            index = text.index(after: index)
        }
        text = text[index...]
        return token
    }

    /// `name`, `name="value"` separated by commas; commas inside quotes belong to the value.
    static func parseOptions(_ text: inout Substring) throws(KeyError) -> [(String, String?)] {
        var result: [(String, String?)] = []
        var name = ""
        var value: String? = nil
        var inQuotes = false
        var chars = text.makeIterator()
        func flush() throws(KeyError) {
            guard !name.isEmpty else { throw .malformed("empty option in the options field") }
            result.append((name, value))
            name = ""
            value = nil
        }
        while let ch = chars.next() {
            if inQuotes {
                if ch == "\\" {
                    if let next = chars.next() { value!.append(next) }
                } else if ch == "\"" {
                    inQuotes = false
                } else {
                    value!.append(ch)
                }
            } else if ch == "=" && value == nil {
                guard chars.next() == "\"" else { throw .malformed("option \(name) needs a quoted value") }
                value = ""
                inQuotes = true
            } else if ch == "," {
                try flush()
            } else {
                if value != nil { throw .malformed("text after the quoted value of option \(name)") }
                name.append(ch)
            }
        }
        if inQuotes { throw .malformed("unterminated quote in option \(name)") }
        try flush()
        return result
    }

    static func parseFrom(_ value: String) throws(KeyError) -> [CIDR] {
        var result: [CIDR] = []
        for part in value.split(separator: ",") {
            let item = String(part).trimmingCharacters(in: .whitespaces)
            do {
                result.append(try CIDR(parsing: item))
            } catch {
                throw .invalidOptionValue(
                    option: "from", value: value,
                    reason: "\"\(item)\" is not an IP address or CIDR network; host names, wildcards and"
                        + " negations are not supported")
            }
        }
        guard !result.isEmpty else {
            throw .invalidOptionValue(option: "from", value: value, reason: "no addresses given")
        }
        return result
    }

    /// OpenSSH's `YYYYMMDD[Z]` or `YYYYMMDDHHMM[SS][Z]`. Panda reads it as UTC (with or without `Z`),
    /// so a key's expiry does not depend on the server's time zone.
    static func parseExpiry(_ value: String) throws(KeyError) -> Date {
        var digits = value
        if digits.hasSuffix("Z") || digits.hasSuffix("z") { digits.removeLast() }
        guard [8, 12, 14].contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            throw .invalidOptionValue(option: "expiry-time", value: value, reason: "use YYYYMMDD or YYYYMMDDHHMM[SS]")
        }
        let d = Array(digits)
        func number(_ from: Int, _ length: Int) -> Int { Int(String(d[from..<from + length]))! }
        var components = DateComponents()
        components.year = number(0, 4)
        components.month = number(4, 2)
        components.day = number(6, 2)
        components.hour = d.count >= 12 ? number(8, 2) : 0
        components.minute = d.count >= 12 ? number(10, 2) : 0
        components.second = d.count == 14 ? number(12, 2) : 0
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else {
            throw .invalidOptionValue(option: "expiry-time", value: value, reason: "not a real date and time")
        }
        return date
    }

    static func parseRFC4716(_ text: String) throws(KeyError) -> AuthorizedKeyLine {
        var body = ""
        var comment = ""
        var inside = false
        var continuation = false
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("---- BEGIN SSH2 PUBLIC KEY") { inside = true; continue }
            if line.hasPrefix("---- END SSH2 PUBLIC KEY") { break }
            guard inside else { continue }
            if continuation || line.contains(":") {
                // Header lines ("Comment: …") may continue with a trailing backslash.
                continuation = line.hasSuffix("\\")
                if line.lowercased().hasPrefix("comment:") {
                    comment = line.dropFirst("comment:".count).trimmingCharacters(in: .whitespaces)
                        .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                }
                continue
            }
            body += line
        }
        var reader = SSHWireReader(Base64.decode(body) ?? [])
        guard let type = reader.readString() else {
            throw .malformed("the SSH2 public key block has no valid key data")
        }
        return AuthorizedKeyLine(typeName: String(decoding: type, as: UTF8.self), base64: body, comment: comment)
    }
}
