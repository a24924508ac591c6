import Foundation
import PandaCore

/// Merges sorted runs into one sequence in `RunOrder` (a binary heap of the runs' current records).
final class RunMerge {
    /// Runs merged at once: each costs a reader's buffer, so more are first merged in groups.
    static let fanIn = 64

    private let readers: [RunReader]
    private var heap: [Int] = []
    private var started = false

    init(_ readers: [RunReader]) throws {
        self.readers = readers
        for index in readers.indices where try readers[index].advance() { push(index) }
    }

    /// The run holding the next record in order (read its `order` and `payload` before calling again);
    /// nil after the last.
    func next() throws -> RunReader? {
        if started, let top = heap.first {
            if try readers[top].advance() {
                siftDown(0)
            } else {
                let last = heap.removeLast()
                if !heap.isEmpty {
                    heap[0] = last
                    siftDown(0)
                }
            }
        }
        started = true
        return heap.first.map { readers[$0] }
    }

    /// Merges `files` (each a sorted run) into one sorted run in a new file of `directory`.
    static func merge(_ files: [SpillFile], into directory: SpillDirectory) throws -> SpillFile {
        let merge = try RunMerge(files.map { RunReader(file: $0) })
        var writer = RunWriter(file: try directory.newFile())
        while let run = try merge.next() { try writer.append(run.order, payload: run.payload) }
        try writer.flush()
        return writer.file
    }

    /// Merges groups of `fanIn` runs until at most `fanIn` are left.
    static func reduce(_ files: [SpillFile], into directory: SpillDirectory) throws -> [SpillFile] {
        var files = files
        while files.count > fanIn {
            var merged: [SpillFile] = []
            for start in stride(from: 0, to: files.count, by: fanIn) {
                merged.append(try merge(Array(files[start..<min(start + fanIn, files.count)]), into: directory))
            }
            files = merged
        }
        return files
    }

    /// Run order: `primary`, then the payload's bytes, then `secondary` (a run of keys has the key's first bytes
    /// as `primary`, ordered as the keys are; a run of line pairs has no payload).
    private func less(_ a: Int, _ b: Int) -> Bool {
        let first = readers[heap[a]]
        let second = readers[heap[b]]
        if first.order.primary != second.order.primary { return first.order.primary < second.order.primary }
        let order = ByteOrder.compare(first.payload, second.payload)
        if order != 0 { return order < 0 }
        return first.order.secondary < second.order.secondary
    }

    private func push(_ reader: Int) {
        heap.append(reader)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = left
            if left + 1 < heap.count && less(left + 1, left) { smallest = left + 1 }
            guard less(smallest, parent) else { return }
            heap.swapAt(smallest, parent)
            parent = smallest
        }
    }
}
