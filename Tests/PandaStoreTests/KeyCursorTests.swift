import Foundation
import PandaCore
import PandaStore
import PandaTesting
import Testing

/// Stored fingerprints looked up through a `KeyCursor`, in every order, give what a lookup in a dictionary
/// of the stored rows gives: through the SQLite driver's statements and through the portable fallback.
@Suite struct KeyCursorTests {
    /// Users whose fingerprint is the number in their ID; property values RACE/… likewise.
    func fixture() throws -> StoreFixture {
        let fixture = try StoreFixture()
        try fixture.store.database.write { db in
            let writer = RecordWriter(connection: db, account: "uni1", fileID: 1, cycleDay: "2026-12-04", at: Date())
            for number in stride(from: 10, to: 400, by: 3) {
                let user = StoredUser(
                    userID: "K\(number)", username: nil, firstName: "A", lastName: "B", email: nil, userType: 2,
                    userStatus: 1)
                _ = try writer.write(user, fingerprint: Int64(number), line: number)
            }
            for (key, values) in [("ETH", ["1", "2"]), ("RACE", ["AS", "BL", "BLX", "WH"]), ("RAC", ["Z"])] {
                for (offset, value) in values.enumerated() {
                    let stored = StoredPropertyValue(keyID: key, keyLabel: key, valueID: value, valueLabel: value)
                    _ = try writer.write(stored, fingerprint: Int64(offset + 1), line: 1)
                }
            }
        }
        return fixture
    }

    /// Looks up every key of `keys` in that order through one cursor.
    func lookUp(
        _ keys: [[String]], kind: FingerprintedRecords, fixture: StoreFixture, portable: Bool
    ) throws -> [Int64?] {
        try fixture.store.database.read { db in
            let connection: any SQLConnection = portable ? RecordStoreTests.PortableConnection(base: db) : db
            let cursor = try RecordRepository.fingerprintCursor(of: kind, account: "uni1", in: connection)
            return try keys.map { key in
                var first = Array(key[0].utf8)
                var second = key.count > 1 ? Array(key[1].utf8) : nil
                let found = try first.withUnsafeMutableBufferPointer { first in
                    if second == nil { return try cursor.find(UnsafeBufferPointer(first)) }
                    return try second!.withUnsafeMutableBufferPointer {
                        try cursor.find(UnsafeBufferPointer(first), UnsafeBufferPointer($0))
                    }
                }
                return found.found ? found.value : nil
            }
        }
    }

    @Test(arguments: [false, true]) func usersInEveryOrder(portable: Bool) throws {
        let fixture = try self.fixture()
        defer { fixture.directory.remove() }
        // Stored, absent between, before the first, after the last, prefixes and extensions of stored IDs.
        var keys = (0..<420).map { "K\($0)" } + ["", "A", "K", "K1", "K10", "K100", "K4000", "Z", "K10 "]
        var generator = SystemRandomNumberGenerator()
        for order in ["sorted", "reversed", "shuffled", "repeated", "sorted with jumps back"] {
            switch order {
            case "sorted": keys.sort()
            case "reversed": keys.reverse()
            case "shuffled": keys.shuffle(using: &generator)
            case "repeated": keys = keys.flatMap { [$0, $0] }
            default:
                // Runs in order, each starting again somewhere earlier (a file sorted in parts).
                let sorted = keys.sorted()
                keys = (0..<40).flatMap { _ in
                    let start = Int.random(in: 0..<sorted.count, using: &generator)
                    return sorted[start..<min(sorted.count, start + Int.random(in: 1...60, using: &generator))]
                }
            }
            let found = try lookUp(keys.map { [$0] }, kind: .users, fixture: fixture, portable: portable)
            let expected = keys.map { key -> Int64? in
                guard key.hasPrefix("K"), let number = Int(key.dropFirst()), number >= 10, number < 400,
                    (number - 10) % 3 == 0, key == "K\(number)"
                else { return nil }
                return Int64(number)
            }
            #expect(found == expected, "\(order)")
        }
    }

    @Test(arguments: [false, true]) func twoPartKeys(portable: Bool) throws {
        let fixture = try self.fixture()
        defer { fixture.directory.remove() }
        let stored: [[String]: Int64] = [
            ["ETH", "1"]: 1, ["ETH", "2"]: 2, ["RACE", "AS"]: 1, ["RACE", "BL"]: 2, ["RACE", "BLX"]: 3,
            ["RACE", "WH"]: 4, ["RAC", "Z"]: 1,
        ]
        let absent = [
            ["ETH", "0"], ["ETH", "3"], ["RACE", "B"], ["RACE", "BLA"], ["RACE", "Z"], ["RA", "Z"], ["S", "A"],
        ]
        var keys = Array(stored.keys) + absent
        var generator = SystemRandomNumberGenerator()
        for order in ["sorted", "shuffled"] {
            if order == "sorted" {
                keys.sort { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1] < $1[1] }
            } else {
                keys.shuffle(using: &generator)
            }
            let found = try lookUp(keys, kind: .propertyValues, fixture: fixture, portable: portable)
            #expect(found == keys.map { stored[$0] }, "\(order)")
        }
    }
}
