/// Renders rows back for reports and for the copy of a file kept after processing, with every non-empty
/// secret field (Password) replaced by `***`.
///
/// A row whose fields are in their places (right count, no broken quoting) is echoed byte for byte
/// except the secret values. When a row of a format with secrets cannot be trusted to have its fields in
/// place (wrong field count, broken quotes, too long, unknown keyword in such a file), a shifted field
/// could put the password anywhere, so only its first field is shown, followed by `,***`.
public struct RecordEcho: Sendable {
    public let table: FormatTable

    /// Longest echo in a `RowError` (bytes); longer ones are cut and end with `…`.
    public static let reportLimit = 4096

    public init(table: FormatTable = .standard) { self.table = table }

    /// The row's bytes with secrets masked. `format` is the row's own format if its keyword was
    /// recognized (`recognized`), else the file's format if known.
    public func maskedBytes(of row: CSVRow, format: RecordFormat?, recognized: Bool) -> [UInt8] {
        guard let format = format ?? guessedFormat(row), format.hasSecrets else { return row.raw }
        return Self.masked(
            row, secretPositions: format.secretFieldPositions, rowFieldCount: format.rowFieldCount,
            recognized: recognized)
    }

    /// The masking itself, for a format with secret fields at `secretPositions`.
    static func masked(_ row: CSVRow, secretPositions: [Int], rowFieldCount: Int, recognized: Bool) -> [UInt8] {
        let inPlace =
            recognized && (row.problem == nil || row.problem == .invalidUTF8) && row.fieldCount == rowFieldCount
        guard inPlace else { return firstFieldOnly(row.raw) }
        var masked: [UInt8]?
        var start = 0
        for position in secretPositions {  // in increasing order
            let bounds = row.rawBounds[position]
            guard !bounds.isEmpty else { continue }
            if masked == nil { masked = [] }
            masked!.append(contentsOf: row.raw[start..<bounds.lowerBound])
            masked!.append(contentsOf: mask)
            start = bounds.upperBound
        }
        guard var masked else { return row.raw }
        masked.append(contentsOf: row.raw[start...])
        return masked
    }

    /// `fields` (keyword first) as one CSV line, a non-empty secret field of `format` shown as `***`.
    public static func maskedLine(_ fields: [String], format: RecordFormat) -> String {
        let secret = Set(format.secretFieldPositions)
        let shown = fields.enumerated().map { secret.contains($0.offset) && !$0.element.isEmpty ? "***" : $0.element }
        return CSVLine.render(shown)
    }

    /// Masked bytes as report text: invalid UTF-8 replaced by U+FFFD, cut at `reportLimit` bytes.
    public static func reportText(_ masked: [UInt8]) -> String {
        guard masked.count > reportLimit else { return String(decoding: masked, as: UTF8.self) }
        var end = reportLimit
        while end > 0 && masked[end] & 0xC0 == 0x80 { end -= 1 }  // do not cut a character in two
        return String(decoding: masked[..<end], as: UTF8.self) + "…"
    }

    private static let mask = Array("***".utf8)

    private static func firstFieldOnly(_ raw: [UInt8]) -> [UInt8] {
        guard let comma = raw.firstIndex(of: UInt8(ascii: ",")) else { return raw }
        return Array(raw[..<min(comma, 64)]) + Array(",***".utf8)
    }

    /// The format with secrets whose keyword the row's first raw field spells, quotes and spaces aside
    /// (a broken row can still be a user row).
    func guessedFormat(_ row: CSVRow) -> RecordFormat? {
        let first = row.raw.prefix { $0 != UInt8(ascii: ",") }.prefix(64)
        let letters = first.filter { $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        return letters.withUnsafeBufferPointer { bytes in
            table.formats.first { $0.hasSecrets && $0.matches(keyword: bytes) }
        }
    }
}
