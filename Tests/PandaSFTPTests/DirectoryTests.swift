import PandaSFTP
import Testing

@Suite struct DirectoryTests {
    private func readAll(_ harness: Harness, _ path: String) throws -> (
        batches: [Int], entries: [NameEntry], end: Reply?
    ) {
        guard case .handle(_, let handle) = try harness.pathRequest(FXP.opendir, path) else {
            throw WireReader.Malformed(description: "opendir \(path) failed")
        }
        var batches: [Int] = []
        var entries: [NameEntry] = []
        while true {
            let reply = try harness.handleRequest(FXP.readdir, handle)
            guard case .name(_, let batch) = reply else {
                _ = try harness.close(handle)
                return (batches, entries, reply)
            }
            batches.append(batch.count)
            entries += batch
        }
    }

    @Test func readdirBatchesAHundredEntriesThenEOF() throws {
        let fileSystem = Harness.standardTree()
        for index in 0..<250 { fileSystem.createFile(vp("/inbound/f\(1000 + index).csv"), contents: [1]) }
        let harness = try Harness(fileSystem: fileSystem)
        let (batches, entries, end) = try readAll(harness, "/inbound")
        #expect(batches == [100, 100, 50])
        #expect(entries.map(\.name) == (0..<250).map { "f\(1000 + $0).csv" })
        #expect(status(try #require(end)) == StatusLine(1, "End of file"))
    }

    @Test func anEmptyDirectoryIsImmediatelyEOF() throws {
        let harness = try Harness()
        let (batches, _, end) = try readAll(harness, "/validate")
        #expect(batches.isEmpty)
        #expect(status(try #require(end))?.code == 1)
    }

    @Test func longNamesLookLikeOpenSSH() throws {
        let fileSystem = Harness.standardTree()
        // 2026-01-01 00:00 UTC is "now": a file from an hour before shows the time, one from 2024 the year.
        fileSystem.createFile(
            vp("/results/recent.csv"), contents: [UInt8](repeating: 0, count: 1234), modified: 1_767_222_000)
        fileSystem.createFile(vp("/results/old.csv"), contents: [], modified: 1_709_251_200)
        fileSystem.createDirectory(vp("/results/sub"))
        let harness = try Harness(fileSystem: fileSystem)
        let (_, entries, _) = try readAll(harness, "/results")
        #expect(
            entries.map(\.longName) == [
                "-rw-r--r--    1 uni1     uni1            0 Mar  1  2024 old.csv",
                "-rw-r--r--    1 uni1     uni1         1234 Dec 31 23:00 recent.csv",
                "drwxr-xr-x    1 uni1     uni1            0 Jan  1 00:00 sub",
            ])
        #expect(entries[1].attributes.size == 1234)
        #expect(entries[2].attributes.permissions == 0o040755)
    }

    @Test func theRootListsTheAccountFolders() throws {
        let harness = try Harness()
        let (_, entries, _) = try readAll(harness, "/")
        #expect(entries.map(\.name) == ["inbound", "outbound", "results", "validate"])
    }

    @Test func opendirFailures() throws {
        let harness = try Harness()
        #expect(status(try harness.pathRequest(FXP.opendir, "/none"))?.code == 2)
        #expect(
            status(try harness.pathRequest(FXP.opendir, "/outbound/students.csv")) == StatusLine(2, "Not a directory"))
    }

    @Test func readdirOnAFileHandleIsInvalid() throws {
        let harness = try Harness()
        let handle = try harness.openHandle("/outbound/students.csv", FXP.flagRead)
        #expect(status(try harness.handleRequest(FXP.readdir, handle))?.code == 4)
    }

    @Test func aReplyNeverExceedsThePacketLimit() throws {
        let fileSystem = Harness.standardTree()
        let longName = String(repeating: "n", count: 240)
        for index in 0..<100 { fileSystem.createFile(vp("/inbound/\(index)\(longName)"), contents: []) }
        let harness = try Harness(fileSystem: fileSystem, limits: SFTPLimits(maxPacketLength: 8192))
        let (batches, entries, _) = try readAll(harness, "/inbound")
        #expect(entries.count == 100)
        #expect(batches.count > 1)
        #expect(batches.allSatisfy { $0 < 100 })
    }
}
