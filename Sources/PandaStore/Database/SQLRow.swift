import Foundation

/// One result row, read by column position (the order of the SELECT list).
public struct SQLRow: Sendable {
    public let values: [SQLValue]

    public init(_ values: [SQLValue]) { self.values = values }

    public subscript(_ index: Int) -> SQLValue { values[index] }

    public func int64(_ index: Int) -> Int64 {
        switch values[index] {
        case .integer(let v): v
        case .real(let v): Int64(v)
        case .text(let s): Int64(s) ?? 0
        default: 0
        }
    }

    public func int(_ index: Int) -> Int { Int(int64(index)) }

    public func optionalInt64(_ index: Int) -> Int64? {
        if case .null = values[index] { return nil }
        return int64(index)
    }

    public func string(_ index: Int) -> String {
        switch values[index] {
        case .text(let s): s
        case .integer(let v): String(v)
        case .real(let v): String(v)
        case .blob(let b): String(decoding: b, as: UTF8.self)
        case .null: ""
        }
    }

    public func optionalString(_ index: Int) -> String? {
        if case .null = values[index] { return nil }
        return string(index)
    }

    public func bool(_ index: Int) -> Bool { int64(index) != 0 }

    /// A timestamp stored as milliseconds since 1970 (Panda's portable time column type).
    public func date(_ index: Int) -> Date { Date(millisecondsSince1970: int64(index)) }

    public func optionalDate(_ index: Int) -> Date? { optionalInt64(index).map(Date.init(millisecondsSince1970:)) }
}

extension Date {
    /// Milliseconds since 1970: how every timestamp column is stored.
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    public init(millisecondsSince1970 ms: Int64) {
        self.init(timeIntervalSince1970: Double(ms) / 1000)
    }
}

extension Date: SQLBindable {
    public var sqlValue: SQLValue { .integer(millisecondsSince1970) }
}
