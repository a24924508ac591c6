import Foundation

/// The duplicate rows of a file as (line, first line) pairs, added in any order and then read back in line
/// order: what a second pass over the file takes its `duplicate_key` answers from.
///
/// Within a fixed budget whatever their number: pairs are kept in memory (8 bytes each) up to it, and each
/// full batch is sorted and spilled as a run, to be merged back when reading.
final class DuplicateLineList: @unchecked Sendable {
    // Sendable: filled by one producer thread, then handed to the next pass's producer thread, never shared.
    private let capacity: Int
    private let directory: () throws -> SpillDirectory
    private var pairs: [UInt64] = []
    private var runs: [SpillFile] = []
    private var merge: RunMerge?
    private var position = 0
    private var current: (line: UInt32, first: UInt32)?
    private var reading = false
    private(set) var count = 0

    /// `budget`: bytes of pairs held in memory; `directory` is opened on the first spill.
    init(budget: Int, directory: @escaping () throws -> SpillDirectory) {
        capacity = max(4, budget / MemoryLayout<UInt64>.stride)
        self.directory = directory
    }

    func add(line: UInt32, firstLine: UInt32) throws {
        precondition(!reading)
        if pairs.count == capacity { try spill() }
        pairs.append(UInt64(line) << 32 | UInt64(firstLine))
        count += 1
    }

    /// The line of the first row with the same key as the row at `line`, or nil when that row is not a
    /// duplicate. Lines must increase from one call to the next.
    func firstLine(of line: Int) throws -> Int? {
        if !reading { try startReading() }
        while let pair = current, Int(pair.line) < line { try advance() }
        guard let pair = current, Int(pair.line) == line else { return nil }
        return Int(pair.first)
    }

    private func startReading() throws {
        reading = true
        if !runs.isEmpty {
            if !pairs.isEmpty { try spill() }
            merge = try RunMerge(try RunMerge.reduce(runs, into: directory()).map { RunReader(file: $0) })
            runs = []
        } else {
            pairs.sort()
        }
        try advance()
    }

    private func advance() throws {
        if let merge {
            current = try merge.next().map { (UInt32(truncatingIfNeeded: $0.order.primary), $0.order.secondary) }
        } else if position < pairs.count {
            let pair = pairs[position]
            current = (UInt32(truncatingIfNeeded: pair >> 32), UInt32(truncatingIfNeeded: pair))
            position += 1
        } else {
            current = nil
        }
    }

    private func spill() throws {
        pairs.sort()
        var writer = RunWriter(file: try directory().newFile())
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        for pair in pairs {
            try writer.append(
                RunOrder(primary: pair >> 32, secondary: UInt32(truncatingIfNeeded: pair)), payload: empty)
        }
        try writer.flush()
        runs.append(writer.file)
        pairs.removeAll(keepingCapacity: true)
    }
}
