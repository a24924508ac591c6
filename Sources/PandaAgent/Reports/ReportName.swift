import Foundation

/// The names of a file's result reports in the results folder (spec §6):
/// `<upload name>.<UTC yyyyMMddTHHmmssZ>[-ID].summary.txt` and the same with `.errors.csv`.
public struct ReportName: Sendable, Equatable {
    /// The summary's file name.
    public let summary: String
    /// When the server processed the file (from the name).
    public let processedAt: Date

    static let summarySuffix = ".summary.txt"
    static let errorsSuffix = ".errors.csv"

    /// The errors CSV's file name.
    public var errors: String { String(summary.dropLast(Self.summarySuffix.count)) + Self.errorsSuffix }

    /// `name` parsed as a summary of the upload `upload`, or nil if it is anything else.
    public init?(_ name: String, upload: String) {
        let prefix = Self.shortened(upload) + "."
        guard name.hasPrefix(prefix), name.hasSuffix(Self.summarySuffix) else { return nil }
        let middle = name.dropFirst(prefix.count).dropLast(Self.summarySuffix.count)
        let stamp = middle.prefix(16)
        let rest = middle.dropFirst(16)
        guard rest.isEmpty || (rest.first == "-" && rest.count > 1 && rest.dropFirst().allSatisfy(\.isASCIIDigit)),
            let date = Self.parseStamp(String(stamp))
        else { return nil }
        summary = name
        processedAt = date
    }

    /// The server keeps at most 180 bytes of the upload name in report names.
    static func shortened(_ name: String) -> String {
        var shortened = name
        while shortened.utf8.count > 180 { shortened.removeLast() }
        return shortened
    }

    /// `20261204T140311Z` as a date (UTC).
    static func parseStamp(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard bytes[range].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int(String(decoding: bytes[range], as: UTF8.self))
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return calendar.date(from: components)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
