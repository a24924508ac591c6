import Foundation
import PandaCore

/// Finds the duplicate keys of a file of any size within a fixed memory budget.
///
/// Keys are answered from a `KeyWindow`; when it is full it is written out as a run sorted by key and line,
/// and emptied, so answers are exact for every key whose rows all fall in one window (every key, when the
/// file fits in one). After the last key, `finish()` merges the runs: a key that also appeared in an earlier
/// window was answered as new there, and then every duplicate of the file is returned for a second pass.
///
/// A file whose keys ascend (sorted by key, as exports usually are) can have no duplicate: its keys are only
/// appended, its runs are sorted already and need no merge. The first key that does not ascend switches to
/// looking keys up (in the window's table) from then on. The table's hash is seeded per index, so crafted
/// keys cannot aim at collisions; keys are always compared byte for byte.
final class SpillingKeyIndex {
    private var window: KeyWindow?
    private let directory: () throws -> SpillDirectory
    private var runs: [SpillFile] = []
    /// The first line of each run, in order: which window a line fell in.
    private var runStarts: [UInt32] = []
    private var windowStart: UInt32 = 0
    /// Whether every key so far was greater than the one before.
    private var ascending = true
    /// The last key of the last run while keys ascend (the window starts empty after a spill).
    private var spilledLastKey: [UInt8]?

    /// `budget`: bytes for the window; `directory` is opened on the first spill; `hash` replaces the seeded
    /// hash (tests: a hash every key shares).
    init(
        budget: Int, directory: @escaping () throws -> SpillDirectory,
        hash: ((UnsafeBufferPointer<UInt8>) -> UInt64)? = nil
    ) {
        let seed = UInt64.random(in: .min ... .max)
        window = KeyWindow(budget: budget, hash: hash ?? { ByteHash.hash($0, seed: seed) })
        self.directory = directory
    }

    /// Runs written so far.
    var runCount: Int { runs.count }

    /// Registers `key` at `line` (lines increase): the line of the key's first row in the current window,
    /// or nil when it is new there.
    func firstLine(ofKey key: UnsafeBufferPointer<UInt8>, line: Int) throws -> Int? {
        guard let window else { preconditionFailure("key registered after finish()") }
        let line = UInt32(clamping: line)
        if !window.hasRoom(forKeyOf: key.count) {
            try spill(window)
            guard window.hasRoom(forKeyOf: key.count) else {
                throw ImportError.failed("a key of \(key.count) bytes does not fit the memory for duplicate keys")
            }
        }
        if window.count == 0 { windowStart = line }
        if ascending {
            if isAfterLastKey(key, in: window) {
                window.append(key, line: line)
                return nil
            }
            ascending = false
            window.startTable()
        }
        return window.register(key, line: line).map(Int.init)
    }

    /// After the last key: false when every answer was exact; else true, and every duplicate row of the file
    /// has been added to `list` with the line of its key's first row.
    func finish(into list: DuplicateLineList) throws -> Bool {
        guard let window else { return false }
        self.window = nil
        // Ascending keys never repeat; keys that fit one window were all answered exactly.
        guard !ascending, !runs.isEmpty else { return false }
        if window.count > 0 { try spill(window) }
        let merge = try RunMerge(try RunMerge.reduce(runs, into: directory()).map { RunReader(file: $0) })
        runs = []
        var crossesRuns = false
        let group = KeyGroup()
        // Records come by key, then line: a key's rows are together, its first row first.
        while let record = try merge.next() {
            let line = record.order.secondary
            if let first = group.firstLine(of: record.payload, line: line) {
                try list.add(line: line, firstLine: first)
                if !crossesRuns && run(of: line) != run(of: first) { crossesRuns = true }
            }
        }
        return crossesRuns
    }

    private func isAfterLastKey(_ key: UnsafeBufferPointer<UInt8>, in window: KeyWindow) -> Bool {
        if let last = window.lastKey { return ByteOrder.compare(key, last) > 0 }
        guard let spilledLastKey else { return true }
        return spilledLastKey.withUnsafeBufferPointer { ByteOrder.compare(key, $0) > 0 }
    }

    private func spill(_ window: KeyWindow) throws {
        if ascending { spilledLastKey = window.lastKey.map(Array.init) }
        var writer = RunWriter(file: try directory().newFile())
        try window.forEachInRunOrder { order, key in try writer.append(order, payload: key) }
        try writer.flush()
        runs.append(writer.file)
        runStarts.append(windowStart)
        window.removeAll()
    }

    /// The run a line fell in.
    private func run(of line: UInt32) -> Int {
        var low = 0
        var high = runStarts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if runStarts[middle] <= line { low = middle } else { high = middle }
        }
        return low
    }
}

/// The key of the records a merge is at, with the line of its first row. Plain memory: it changes at nearly
/// every record.
private final class KeyGroup {
    private var bytes: UnsafeMutablePointer<UInt8>
    private var capacity = 1024
    private var count = -1
    private var line: UInt32 = 0

    init() { bytes = .allocate(capacity: capacity) }

    deinit { bytes.deallocate() }

    /// For records in key order: the first line of `key`, or nil when this is its first row.
    func firstLine(of key: UnsafeBufferPointer<UInt8>, line: UInt32) -> UInt32? {
        if count == key.count && (key.isEmpty || memcmp(bytes, key.baseAddress!, key.count) == 0) { return self.line }
        if key.count > capacity {
            while key.count > capacity { capacity *= 2 }
            bytes.deallocate()
            bytes = .allocate(capacity: capacity)
        }
        if let base = key.baseAddress, key.count > 0 { bytes.update(from: base, count: key.count) }
        count = key.count
        self.line = line
        return nil
    }
}
