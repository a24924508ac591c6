import Foundation
import PandaTesting
import Testing

@testable import PandaExchange

/// The duplicate-key index with a fixed memory budget: a tiny injected budget forces spills, and every answer
/// is checked against a plain dictionary of first lines.
@Suite struct SpillingKeyIndexTests {
    /// A spill directory in a temporary data directory, counting how often it was asked for.
    final class Spill: @unchecked Sendable {
        let data: TemporaryDirectory
        let lazy: SpillDirectory.Lazy
        private(set) var opened = 0

        init() throws {
            data = try TemporaryDirectory(prefix: "panda-spill")
            lazy = SpillDirectory.Lazy(dataDirectory: data.path)
        }

        func directory() throws -> SpillDirectory {
            opened += 1
            return try lazy.get()
        }

        /// Names in the spill directory: always none, since files are unlinked as they are made.
        var names: [String] {
            (try? FileManager.default.contentsOfDirectory(atPath: data.file(SpillDirectory.name))) ?? []
        }

        func remove() { data.remove() }
    }

    /// What the index answered for each line, and what it should have (the first line of each key).
    struct Outcome {
        var answers: [Int: Int] = [:]
        var expected: [Int: Int] = [:]
        var secondPass: DuplicateLineList?
        var runs = 0

        /// The answers a caller ends up with: the first pass's, or the second pass's from the list.
        func final(lines: [Int]) throws -> [Int: Int] {
            guard let secondPass else { return answers }
            var result: [Int: Int] = [:]
            for line in lines { result[line] = try secondPass.firstLine(of: line) }
            return result
        }
    }

    /// Registers `keys` on lines 1, 2, 3… (several fields joined as the validator joins them).
    func register(
        _ keys: [String], budget: Int, spill: Spill, hash: ((UnsafeBufferPointer<UInt8>) -> UInt64)? = nil
    ) throws -> Outcome {
        let index = SpillingKeyIndex(budget: budget, directory: { try spill.directory() }, hash: hash)
        var outcome = Outcome()
        var first: [String: Int] = [:]
        for (offset, key) in keys.enumerated() {
            let line = offset + 1
            var bytes = Array(key.utf8)
            outcome.answers[line] = try bytes.withUnsafeMutableBufferPointer { buffer in
                try index.firstLine(ofKey: UnsafeBufferPointer(buffer), line: line)
            }
            if let earlier = first[key] { outcome.expected[line] = earlier } else { first[key] = line }
        }
        outcome.runs = index.runCount
        let list = DuplicateLineList(budget: 64) { try spill.directory() }
        outcome.secondPass = try index.finish(into: list) ? list : nil
        return outcome
    }

    /// The smallest window: 4 registrations, then a spill.
    static let tiny = 64

    @Test func aFileThatFitsIsAnsweredExactlyWithoutTouchingTheDisk() throws {
        let spill = try Spill()
        defer { spill.remove() }
        let keys = (0..<1000).map { "K\($0 % 700)" }
        let outcome = try register(keys, budget: 1 << 20, spill: spill)
        #expect(outcome.runs == 0 && outcome.secondPass == nil)
        #expect(outcome.answers == outcome.expected)
        #expect(spill.opened == 0)
    }

    @Test func duplicatesWithinOneWindowNeedNoSecondPass() throws {
        let spill = try Spill()
        defer { spill.remove() }
        // Pairs of rows with one key, never split across a window of four.
        let keys = (0..<400).map { "K\($0 / 2)" }
        let outcome = try register(keys, budget: Self.tiny, spill: spill)
        #expect(outcome.runs > 50)
        #expect(outcome.secondPass == nil)
        #expect(outcome.answers == outcome.expected)
        #expect(outcome.answers.count == 200)
    }

    @Test func aDuplicateAcrossASpillIsFoundAndTheFirstOccurrenceWins() throws {
        let spill = try Spill()
        defer { spill.remove() }
        // Windows of four: A on line 1, then A twice in the third window; both name line 1.
        let keys = ["A", "B", "C", "D", "E", "F", "G", "H", "A", "I", "A"]
        let outcome = try register(keys, budget: Self.tiny, spill: spill)
        #expect(outcome.runs == 2)
        // The first pass could not know (line 9 was new in its window); the second pass gets it right.
        #expect(outcome.answers[9] == nil && outcome.answers[11] == 9)
        let list = try #require(outcome.secondPass)
        #expect(list.count == 2)
        #expect(try outcome.final(lines: Array(1...keys.count)) == [9: 1, 11: 1])
    }

    @Test func manyRunsOfRandomKeysGiveExactlyTheFirstLines() throws {
        var generator = SeededGenerator(seed: 7)
        for round in 0..<4 {
            let spill = try Spill()
            defer { spill.remove() }
            // Enough runs to be merged in groups first (more than `RunMerge.fanIn`).
            let distinct = [20, 300, 2000, 5000][round]
            let keys = (0..<6000).map { _ in "key-\(UInt64.random(in: 0..<UInt64(distinct), using: &generator))" }
            let outcome = try register(keys, budget: Self.tiny, spill: spill)
            #expect(outcome.runs > RunMerge.fanIn)
            #expect(outcome.secondPass != nil)
            #expect(try outcome.final(lines: Array(1...keys.count)) == outcome.expected, "round \(round)")
            #expect(spill.names.isEmpty)
        }
    }

    @Test func sortedKeysNeedNoMergeUntilOneComesBack() throws {
        let spill = try Spill()
        defer { spill.remove() }
        // Ascending keys across many windows: no duplicate possible, no merge, every answer exact.
        let sorted = (0..<300).map { String(format: "K%05d", $0) }
        let ascending = try register(sorted, budget: Self.tiny, spill: spill)
        #expect(ascending.runs > 50 && ascending.secondPass == nil && ascending.answers.isEmpty)
        // Then a key of the first window again, and a repeat right after an ascending row.
        let late = sorted + ["K00002"]
        let outcome = try register(late, budget: Self.tiny, spill: spill)
        #expect(outcome.answers[301] == nil)
        #expect(try outcome.final(lines: Array(1...late.count)) == [301: 3])
        let adjacent = ["K1", "K2", "K2", "K3", "K1"]
        let near = try register(adjacent, budget: 1 << 16, spill: spill)
        #expect(near.secondPass == nil && near.answers == [3: 2, 5: 1])
    }

    @Test func keysThatShareAHashAreToldApart() throws {
        let spill = try Spill()
        defer { spill.remove() }
        var generator = SeededGenerator(seed: 11)
        let keys = (0..<600).map { _ in "K\(Int.random(in: 0..<150, using: &generator))" }
        // Every key hashes alike, or to one of two values: windows and merges compare the bytes.
        for hash: (UnsafeBufferPointer<UInt8>) -> UInt64 in [{ _ in 42 }, { UInt64($0.count % 2) }] {
            for budget in [Self.tiny, 1 << 16] {
                let outcome = try register(keys, budget: budget, spill: spill, hash: hash)
                #expect(try outcome.final(lines: Array(1...keys.count)) == outcome.expected, "budget \(budget)")
            }
        }
    }

    @Test func keysOfAnyLengthAndJoinedFields() throws {
        let spill = try Spill()
        defer { spill.remove() }
        // Empty, long (a length prefix of 5 bytes), a prefix of another, two fields joined by NUL.
        let long = String(repeating: "x", count: 300)
        let keys = ["", long, "ab", "a\u{0}b", long + "y", "a", "", "ab", "a\u{0}b", long, "a\u{0}", "a"]
        for budget in [Self.tiny, 1 << 16] {
            let outcome = try register(keys, budget: budget, spill: spill)
            #expect(try outcome.final(lines: Array(1...keys.count)) == outcome.expected, "budget \(budget)")
            #expect(outcome.expected == [7: 1, 8: 3, 9: 4, 10: 2, 12: 6])
        }
    }

    @Test func theDuplicateListSpillsAndReadsBackInLineOrder() throws {
        let spill = try Spill()
        defer { spill.remove() }
        let list = DuplicateLineList(budget: 32) { try spill.directory() }
        var expected: [Int: Int] = [:]
        var generator = SeededGenerator(seed: 3)
        for line in (1...5000).shuffled(using: &generator) where line % 3 != 0 {
            try list.add(line: UInt32(line), firstLine: UInt32(line / 2))
            expected[line] = line / 2
        }
        #expect(spill.opened > 0)
        var found: [Int: Int] = [:]
        for line in 1...5000 { found[line] = try list.firstLine(of: line) }
        #expect(found == expected)
    }

    @Test func filesLeftByAProcessThatIsGoneAreRemovedWhenTheDirectoryOpens() throws {
        let data = try TemporaryDirectory(prefix: "panda-spill")
        defer { data.remove() }
        let folder = data.file(SpillDirectory.name)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // A process that has exited (its id is free), one that runs (init), and a file that is not a spill file.
        let gone = try exitedProcessID()
        for name in ["\(gone)-1.spill", "1-2.spill", "notes.txt"] {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8)))
        }
        let directory = try SpillDirectory(dataDirectory: data.path)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(left == ["1-2.spill", "notes.txt"])
        // A new spill file has no name at all, and its bytes read back.
        let file = try directory.newFile()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == left)
        var writer = RunWriter(file: file)
        let payload = Array("key".utf8)
        try payload.withUnsafeBufferPointer { try writer.append(RunOrder(primary: 9, secondary: 4), payload: $0) }
        try writer.flush()
        let reader = RunReader(file: file)
        #expect(try reader.advance())
        #expect(reader.order == RunOrder(primary: 9, secondary: 4) && Array(reader.payload) == payload)
        #expect(try !reader.advance())
    }
}

/// The id of a child process that has exited and been reaped (the shell prints its own).
func exitedProcessID() throws -> pid_t {
    let output = try ProcessRunner.run("/bin/sh", ["-c", "echo $$"]).stdout
    return try #require(pid_t(output.trimmingCharacters(in: .whitespacesAndNewlines)))
}

/// A small deterministic generator (SplitMix64), so a failing case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
