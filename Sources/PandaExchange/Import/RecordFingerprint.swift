import Foundation
import PandaCore
import PandaFormats

/// A 64-bit fingerprint of the fields a record stores (every field of its row but the keyword and secret
/// fields such as Password), kept with the record as `row_hash`.
///
/// Computed from a row's bytes (`UnchangedRowFilter`, before validation) and from the typed record (when
/// writing); both list the same fields in the format's order, so a row identical to what was stored has
/// the stored fingerprint. The seed is fixed (fingerprints are compared across runs) and carries a
/// version: changing what goes in changes the seed, and old fingerprints then simply never match.
enum RecordFingerprint {
    static let seed: UInt64 = 0x5041_4E44_4146_5001

    /// The fingerprint of a row of `format` whose fields are in place (right count, no reading problem).
    static func of(row: CSVRow, format: RecordFormat) -> Int64 {
        var hasher = Hasher64()
        for position in 1..<format.rowFieldCount where !format.fields[position - 1].isSecret {
            row.withField(position) { hasher.add($0) }
        }
        return hasher.value
    }

    /// The same from the fields of a row already split (`RawRowSplitter`).
    static func of(fields: RawRowSplitter, format: RecordFormat) -> Int64 {
        var hasher = Hasher64()
        for position in 1..<format.rowFieldCount where !format.fields[position - 1].isSecret {
            hasher.add(fields.field(position))
        }
        return hasher.value
    }

    /// The fingerprint of an accepted record, or nil for records without one (memberships, rosters).
    static func of(_ record: Record) -> Int64? {
        var hasher = Hasher64()
        switch record {
        case .user(let user):
            hasher.add(user.userID)
            hasher.add(user.username ?? "")
            hasher.add(user.firstName)
            hasher.add(user.lastName)
            hasher.add(user.email ?? "")
            hasher.add(String(user.userType.rawValue))
            hasher.add(String(user.userStatus.rawValue))
        case .property(let value):
            hasher.add(value.keyID)
            hasher.add(value.key)
            hasher.add(value.valueID)
            hasher.add(value.value)
        case .propertyUser(let property):
            hasher.add(property.userID)
            hasher.add(property.keyID)
            hasher.add(property.valueID)
        case .program(let program):
            hasher.add(program.programID)
            hasher.add(program.programCode ?? "")
            hasher.add(program.programTitle)
            hasher.add(program.programDescription ?? "")
        case .programUser, .student, .generic:
            return nil
        }
        return hasher.value
    }

    /// Field by field, each field's length mixed in, so ("ab","c") and ("a","bc") differ.
    struct Hasher64 {
        private var state = RecordFingerprint.seed

        mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
            state = ByteHash.hash(bytes, seed: state &+ 0x9E37_79B9_7F4A_7C15)
        }

        mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { add($0) }
        }

        var value: Int64 { Int64(bitPattern: state) }
    }
}
