import Foundation
import PandaCore

/// Finds the duplicate keys of a file of any size within a fixed memory budget.
///
/// Keys are answered from a `KeyWindow`; when it is full it is written out as a run sorted by (hash, line)
/// and emptied, so answers are exact for every key whose rows all fall in one window (every key, when the
/// file fits in one). After the last key, `finish()` merges the runs: a key that also appeared in an
/// earlier window was answered as new there, and then every duplicate of the file is returned for a second
/// pass. Hashes are seeded per index (crafted keys cannot aim at collisions) and only order the runs: keys
/// are compared byte for byte.
final class SpillingKeyIndex {
    private var window: KeyWindow?
    private let directory: () throws -> SpillDirectory
    private let seed = UInt64.random(in: .min ... .max)
    private var runs: [SpillFile] = []
    /// The first line of each run, in order: which window a line fell in.
    private var runStarts: [UInt32] = []
    private var windowStart: UInt32 = 0

    /// Replaces the seeded hash (tests: a hash every key shares).
    private let hashOverride: ((UnsafeBufferPointer<UInt8>) -> UInt64)?

    /// `budget`: bytes for the window; `directory` is opened on the first spill.
    init(
        budget: Int, directory: @escaping () throws -> SpillDirectory,
        hash: ((UnsafeBufferPointer<UInt8>) -> UInt64)? = nil
    ) {
        window = KeyWindow(budget: budget)
        self.directory = directory
        hashOverride = hash
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
        let hash = hashOverride?(key) ?? ByteHash.hash(key, seed: seed)
        return window.register(key, hash: hash, line: line).map(Int.init)
    }

    /// After the last key: false when every answer was exact; else true, and every duplicate row of the file
    /// has been added to `list` with the line of its key's first row.
    func finish(into list: DuplicateLineList) throws -> Bool {
        guard let window else { return false }
        self.window = nil
        guard !runs.isEmpty else { return false }
        if window.count > 0 { try spill(window) }
        let merge = try RunMerge(try RunMerge.reduce(runs, into: directory()).map { RunReader(file: $0) })
        runs = []
        var crossesRuns = false
        let block = HashBlock()
        while let record = try merge.next() {
            let line = record.order.secondary
            if let first = block.firstLine(hash: record.order.primary, key: record.payload, line: line) {
                try list.add(line: line, firstLine: first)
                if !crossesRuns && run(of: line) != run(of: first) { crossesRuns = true }
            }
        }
        return crossesRuns
    }

    private func spill(_ window: KeyWindow) throws {
        var writer = RunWriter(file: try directory().newFile())
        for entry in window.sortedEntries() {
            try writer.append(
                RunOrder(primary: entry.hash, secondary: entry.line), payload: window.key(at: entry.keyStart))
        }
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

/// The distinct keys of the records of one hash met so far in a merge (one, unless two keys of the file share
/// a 64-bit hash), each with the line of its first row. Plain memory: it changes at nearly every record.
private final class HashBlock {
    private var hash: UInt64 = 0
    private var started = false
    private var bytes: UnsafeMutablePointer<UInt8>
    private var capacity = 1024
    private var used = 0
    private var keys: [(start: Int, count: Int, line: UInt32)] = []

    init() { bytes = .allocate(capacity: capacity) }

    deinit { bytes.deallocate() }

    /// For records in (hash, line) order: the first line of `key`, or nil when this is its first row.
    func firstLine(hash: UInt64, key: UnsafeBufferPointer<UInt8>, line: UInt32) -> UInt32? {
        if !started || hash != self.hash {
            started = true
            self.hash = hash
            used = 0
            keys.removeAll(keepingCapacity: true)
        } else {
            for known in keys where known.count == key.count {
                if key.isEmpty || memcmp(bytes + known.start, key.baseAddress!, key.count) == 0 { return known.line }
            }
        }
        if used + key.count > capacity {
            while used + key.count > capacity { capacity *= 2 }
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            larger.update(from: bytes, count: used)
            bytes.deallocate()
            bytes = larger
        }
        if let base = key.baseAddress, key.count > 0 { (bytes + used).update(from: base, count: key.count) }
        keys.append((used, key.count, line))
        used += key.count
        return nil
    }
}
