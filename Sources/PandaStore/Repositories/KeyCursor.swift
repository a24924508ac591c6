import Foundation
import PandaCore

/// Looks up keys of one table of an account without loading the table: for a file much larger than the
/// memory an import may use. Made by `RecordRepository`; use it within the `read` closure it was made in.
///
/// It walks the table's primary-key index in key order, so lookups in ascending key order (a sorted file)
/// cost a step or two each; a key before the cursor, or far ahead of it, is looked up from the index's root.
public final class KeyCursor {
    private let statement: any PreparedStatement
    private let keyColumns: Int
    private let hasValue: Bool
    /// Keys are bound from here on (1 is the account).
    private static let firstKeyParameter: Int32 = 2
    /// Steps tried before searching from the root instead; after a search only one (lookups are then likely
    /// in no order, and a step that leaves its page costs a read).
    private static let maximumSteps = 16
    private var searchedLast = false

    /// When set, no row's key lies in [`floor`, the current row's key), or after `floor` when the cursor is
    /// past the last row: the last key searched for, or looked up and found absent after a step. Copied only
    /// then, so a sorted file whose keys are all there copies nothing.
    private var floor: [UInt8] = []
    private var floorParts: [Int] = []
    private var hasFloor = false
    /// Whether the statement is on a row (false before the first search and after the last row).
    private var onRow = false
    private var searched = false

    init(statement: any PreparedStatement, account: String, keyColumns: Int, hasValue: Bool) {
        self.statement = statement
        self.keyColumns = keyColumns
        self.hasValue = hasValue
        statement.bind(account, at: 1)
    }

    deinit { statement.reset() }

    /// Whether a row has the key (one or two columns, as UTF-8), and the row's value column.
    public func find(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>? = nil) throws
        -> (found: Bool, value: Int64)
    {
        precondition((second == nil ? 1 : 2) == keyColumns)
        return try find(Key(first: first, second: second))
    }

    /// A key of one or two columns (no array per lookup).
    private struct Key {
        let first: UnsafeBufferPointer<UInt8>
        let second: UnsafeBufferPointer<UInt8>?

        var count: Int { second == nil ? 1 : 2 }
        subscript(index: Int) -> UnsafeBufferPointer<UInt8> { index == 0 ? first : second! }
    }

    private func find(_ key: Key) throws -> (found: Bool, value: Int64) {
        var steps = 0
        let stepLimit = searchedLast ? 1 : Self.maximumSteps
        searchedLast = false
        while searched {
            let order = onRow ? compareRow(to: key) : 1
            if order == 0 {
                // Rows stepped past are no longer between the floor and the row.
                if steps > 0 { hasFloor = false }
                return (true, hasValue ? statement.int64(at: Int32(keyColumns)) : 0)
            }
            if order > 0 {
                // The row (or the end) is past the key: absent if no row was skipped from a key not after it.
                if steps > 0 {
                    setFloor(key)
                    return (false, 0)
                }
                if hasFloor && compareFloor(to: key) <= 0 { return (false, 0) }
                break
            }
            // The row is before the key: step towards it, a few times at most.
            guard steps < stepLimit else { break }
            steps += 1
            onRow = try statement.step()
        }
        try search(key)
        searchedLast = true
        if onRow && compareRow(to: key) == 0 { return (true, hasValue ? statement.int64(at: Int32(keyColumns)) : 0) }
        return (false, 0)
    }

    /// Positions the statement on the first row whose key is not before `key`.
    private func search(_ key: Key) throws {
        statement.reset()
        for index in 0..<key.count {
            statement.bind(String(decoding: key[index], as: UTF8.self), at: Self.firstKeyParameter + Int32(index))
        }
        setFloor(key)
        searched = true
        onRow = try statement.step()
    }

    private func setFloor(_ key: Key) {
        floor.removeAll(keepingCapacity: true)
        floorParts.removeAll(keepingCapacity: true)
        for index in 0..<key.count {
            floor.append(contentsOf: key[index])
            floorParts.append(key[index].count)
        }
        hasFloor = true
    }

    /// Key order as SQLite's BINARY collation has it: column by column, bytes compared, a prefix first.
    private func compareRow(to key: Key) -> Int {
        for index in 0..<key.count {
            let order = statement.withBytes(at: Int32(index)) { ByteOrder.compare($0, key[index]) }
            if order != 0 { return order }
        }
        return 0
    }

    private func compareFloor(to key: Key) -> Int {
        floor.withUnsafeBufferPointer { bytes in
            var start = 0
            for index in 0..<key.count {
                let stored = UnsafeBufferPointer(rebasing: bytes[start..<start + floorParts[index]])
                let order = ByteOrder.compare(stored, key[index])
                if order != 0 { return order }
                start += floorParts[index]
            }
            return 0
        }
    }
}
