import PandaSFTP
import Testing

@Suite struct FileRequestTests {
    private let writeCreate = FXP.flagWrite | FXP.flagCreate | FXP.flagTruncate

    @Test func uploadIsCommittedOnCloseAndReadBack() throws {
        let harness = try Harness()
        let contents = Array("user,K1,jdoe\n".utf8)
        #expect(status(try harness.upload("/inbound/user.csv", contents))?.code == 0)
        #expect(harness.fileSystem.contents(of: vp("/inbound/user.csv")) == contents)
        #expect(harness.fileSystem.committedPaths == [vp("/inbound/user.csv")])
        #expect(try harness.download("/inbound/user.csv") == contents)
    }

    @Test func uploadIsInvisibleUntilClosed() throws {
        let harness = try Harness()
        let handle = try harness.openHandle("/inbound/part.csv", writeCreate)
        _ = try harness.write(handle, offset: 0, [1, 2, 3])
        #expect(!harness.fileSystem.exists(vp("/inbound/part.csv")))
        // FSTAT on the handle sees the staged size.
        guard case .attributes(_, let attributes) = try harness.handleRequest(FXP.fstat, handle) else {
            Issue.record("no ATTRS")
            return
        }
        #expect(attributes.size == 3)
        #expect(status(try harness.close(handle))?.code == 0)
        #expect(harness.fileSystem.exists(vp("/inbound/part.csv")))
    }

    @Test func readAtEndOfFileIsEOF() throws {
        let harness = try Harness()
        let handle = try harness.openHandle("/outbound/students.csv", FXP.flagRead)
        let reply = try harness.read(handle, offset: 1000, length: 10)
        #expect(reply == .status(id: 2, code: 1, message: "End of file"))
    }

    @Test func pipelinedReadsAreAnsweredInOrderAcrossSeveralSends() throws {
        let fileSystem = Harness.standardTree()
        let contents = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 / 7) }
        fileSystem.createFile(vp("/outbound/archive/students-2025-12-31.csv"), contents: contents)
        let harness = try Harness(fileSystem: fileSystem)
        let handle = try harness.openHandle("/outbound/archive/students-2025-12-31.csv", FXP.flagRead)
        let sendsBefore = harness.sink.sends
        var stream: [UInt8] = []
        for index in 0..<10 {
            stream += Packet.request(FXP.read, id: UInt32(100 + index)) {
                $0.string(handle)
                $0.u64(UInt64(index * 32_768))
                $0.u32(32_768)
            }
        }
        try harness.feed(stream)
        #expect(harness.sink.sends - sendsBefore > 1)  // 320 KiB of replies are not held back until the end
        var received: [UInt8] = []
        for (index, reply) in try harness.takeReplies().enumerated() {
            guard case .data(let id, let data) = reply else {
                Issue.record("reply \(index): \(reply)")
                continue
            }
            #expect(id == UInt32(100 + index))
            received += data
        }
        #expect(received == contents)
        let transfer = SFTPFileTransfer(
            path: vp("/outbound/archive/students-2025-12-31.csv"), flags: .read, bytesRead: 300_000, bytesWritten: 0,
            outcome: .closed)
        _ = try harness.close(handle)
        #expect(harness.log.events.last == .fileClosed(transfer))
    }

    @Test func zeroLengthReadGetsEmptyData() throws {
        let harness = try Harness()
        let handle = try harness.openHandle("/outbound/students.csv", FXP.flagRead)
        #expect(try harness.read(handle, offset: 0, length: 0) == .data(id: 2, []))
    }

    @Test func readsAreClampedToTheMaximumReadLength() throws {
        let fileSystem = Harness.standardTree()
        fileSystem.createFile(vp("/outbound/big.bin"), contents: [UInt8](repeating: 9, count: 600_000))
        let harness = try Harness(fileSystem: fileSystem)
        let handle = try harness.openHandle("/outbound/big.bin", FXP.flagRead)
        guard case .data(_, let data) = try harness.read(handle, offset: 0, length: 500_000) else {
            Issue.record("no DATA")
            return
        }
        #expect(data.count == 261_120)
    }

    @Test func smallerLimitsClampReadsToo() throws {
        let harness = try Harness(limits: SFTPLimits(maxPacketLength: 34_000, maxReadLength: 32_768))
        let handle = try harness.openHandle("/outbound/students.csv", FXP.flagRead)
        guard case .data(_, let data) = try harness.read(handle, offset: 3, length: 4) else {
            Issue.record("no DATA")
            return
        }
        #expect(data == Array("name".utf8))
        #expect(harness.session.limits.maxReadLength == 32_768)
    }

    @Test func writingToAReadHandleIsRefused() throws {
        let harness = try Harness()
        let handle = try harness.openHandle("/outbound/students.csv", FXP.flagRead)
        let reply = try harness.write(handle, offset: 0, [1])
        #expect(status(reply) == StatusLine(3, "The file was not opened for writing"))
        #expect(harness.fileSystem.contents(of: vp("/outbound/students.csv")) == Array("id,name\n1,Ada\n".utf8))
    }

    @Test func readingFromAWriteOnlyHandleIsRefused() throws {
        let harness = try Harness()
        let handle = try harness.openHandle("/inbound/x.csv", writeCreate)
        #expect(status(try harness.read(handle, offset: 0, length: 10))?.code == 3)
    }

    @Test func unknownAndClosedHandlesAreInvalid() throws {
        let harness = try Harness()
        let expected = "Invalid handle: the file is not open (or was already closed)"
        #expect(status(try harness.read([1, 2, 3], offset: 0, length: 1)) == StatusLine(4, expected))
        let handle = try harness.openHandle("/outbound/students.csv", FXP.flagRead)
        #expect(status(try harness.close(handle))?.code == 0)
        #expect(status(try harness.close(handle)) == StatusLine(4, expected))
        #expect(status(try harness.read(handle, offset: 0, length: 1))?.code == 4)
        // The freed slot is reused with a new generation: the old handle stays invalid.
        let reopened = try harness.openHandle("/outbound/students.csv", FXP.flagRead)
        #expect(reopened != handle)
        #expect(status(try harness.read(handle, offset: 0, length: 1))?.code == 4)
        #expect(status(try harness.read(reopened, offset: 0, length: 1)) == nil)
    }

    @Test func aDirectoryHandleIsNotAFileHandle() throws {
        let harness = try Harness()
        guard case .handle(_, let handle) = try harness.pathRequest(FXP.opendir, "/inbound") else {
            Issue.record("no handle")
            return
        }
        #expect(status(try harness.read(handle, offset: 0, length: 1))?.code == 4)
        #expect(status(try harness.close(handle))?.code == 0)
    }

    @Test func theHandleLimitIsEnforcedBeforeOpening() throws {
        let harness = try Harness(limits: SFTPLimits(maxOpenHandles: 3))
        for _ in 0..<3 { _ = try harness.openHandle("/outbound/students.csv", FXP.flagRead) }
        let refused = try harness.open("/outbound/students.csv", FXP.flagRead)
        #expect(
            status(refused)
                == StatusLine(4, "Too many open files: at most 3 per session; close some before opening more"))
        #expect(status(try harness.pathRequest(FXP.opendir, "/"))?.code == 4)
        // A truncating open refused for the limit must not have truncated anything.
        harness.fileSystem.createFile(vp("/inbound/keep.csv"), contents: [1, 2, 3])
        #expect(status(try harness.open("/inbound/keep.csv", writeCreate))?.code == 4)
        #expect(harness.fileSystem.contents(of: vp("/inbound/keep.csv")) == [1, 2, 3])
        #expect(harness.session.openHandleCount == 3)
    }

    @Test func openFailuresMapToStatuses() throws {
        let harness = try Harness()
        #expect(
            status(try harness.open("/inbound/none.csv", FXP.flagRead)) == StatusLine(2, "No such file or directory"))
        #expect(status(try harness.open("/nowhere/x.csv", writeCreate))?.code == 2)
        #expect(status(try harness.open("/inbound", FXP.flagRead)) == StatusLine(4, "Is a directory"))
        harness.fileSystem.createFile(vp("/inbound/a.csv"), contents: [1])
        let exclusive = try harness.open("/inbound/a.csv", FXP.flagWrite | FXP.flagCreate | FXP.flagExclusive)
        #expect(status(exclusive) == StatusLine(4, "File already exists"))
        #expect(status(try harness.open("/inbound/a.csv/x", writeCreate)) == StatusLine(2, "Not a directory"))
    }

    @Test func writesToReadOnlyFoldersAreRefusedWithTheFolderName() throws {
        let harness = try Harness()
        let reply = try harness.open("/outbound/students.csv", writeCreate)
        #expect(status(reply) == StatusLine(3, "/outbound is read-only"))
        #expect(status(try harness.open("/results/r.csv", FXP.flagCreate)) == StatusLine(3, "/results is read-only"))
        #expect(
            harness.log.events.last
                == .refused(
                    request: "open", path: vp("/results/r.csv"), status: .permissionDenied,
                    message: "/results is read-only"))
        #expect(harness.fileSystem.contents(of: vp("/outbound/students.csv")) == Array("id,name\n1,Ada\n".utf8))
    }

    @Test func appendWritesAtTheEnd() throws {
        let harness = try Harness()
        harness.fileSystem.createFile(vp("/inbound/log.csv"), contents: [1, 2])
        let handle = try harness.openHandle("/inbound/log.csv", FXP.flagWrite | FXP.flagAppend)
        _ = try harness.write(handle, offset: 0, [3, 4])
        _ = try harness.close(handle)
        #expect(harness.fileSystem.contents(of: vp("/inbound/log.csv")) == [1, 2, 3, 4])
    }

    @Test func aFailedCommitIsTheCloseStatus() throws {
        let harness = try Harness()
        harness.fileSystem.commitCheck = { _, _ in .quotaExceeded("quota exceeded: account uni1 may store 1.0 GiB") }
        let reply = try harness.upload("/inbound/user.csv", [1, 2, 3])
        #expect(status(reply) == StatusLine(4, "quota exceeded: account uni1 may store 1.0 GiB"))
        #expect(!harness.fileSystem.exists(vp("/inbound/user.csv")))
        #expect(harness.session.openHandleCount == 0)
        guard case .fileClosed(let transfer) = harness.log.events.last else {
            Issue.record("no close event")
            return
        }
        #expect(transfer.outcome == .closeFailed(.quotaExceeded("quota exceeded: account uni1 may store 1.0 GiB")))
        #expect(transfer.bytesWritten == 3)
    }

    @Test func quotaAndFileSizeErrorsCarryTheirMessage() throws {
        let fileSystem = Harness.standardTree()
        fileSystem.maxFileSize = 10
        let harness = try Harness(fileSystem: fileSystem)
        let handle = try harness.openHandle("/inbound/big.csv", writeCreate)
        let tooLarge = try harness.write(handle, offset: 5, [UInt8](repeating: 0, count: 6))
        #expect(status(tooLarge) == StatusLine(4, "file too large: files may be at most 10 bytes"))
        fileSystem.maxFileSize = nil
        fileSystem.quota = 1024
        let overQuota = try harness.write(handle, offset: 1024, [1])
        #expect(status(overQuota) == StatusLine(4, "quota exceeded: account uni1 may store 1.0 KiB"))
        #expect(status(try harness.write(handle, offset: 1000, [1]))?.code == 0)
    }

    @Test func closingTheSessionAbortsUploadsInsteadOfCommitting() throws {
        let harness = try Harness()
        let upload = try harness.openHandle("/inbound/half.csv", writeCreate)
        _ = try harness.write(upload, offset: 0, [1, 2, 3, 4])
        _ = try harness.openHandle("/outbound/students.csv", FXP.flagRead)
        harness.session.close()
        #expect(!harness.fileSystem.exists(vp("/inbound/half.csv")))
        #expect(harness.fileSystem.committedPaths.isEmpty)
        #expect(harness.fileSystem.discardedPaths == [vp("/inbound/half.csv")])
        let aborted = harness.log.events.compactMap { event -> SFTPFileTransfer? in
            guard case .fileClosed(let transfer) = event else { return nil }
            return transfer
        }
        #expect(aborted.map(\.outcome) == [.aborted, .aborted])
        #expect(aborted.first?.bytesWritten == 4)
        #expect(harness.session.openHandleCount == 0)
    }

    @Test func observerSeesOpenAndCloseWithByteCounts() throws {
        let harness = try Harness()
        _ = try harness.download("/outbound/students.csv")
        let events = harness.log.events.filter {
            if case .initialized = $0 { return false }
            return true
        }
        #expect(
            events == [
                .fileOpened(vp("/outbound/students.csv"), flags: .read),
                .fileClosed(
                    SFTPFileTransfer(
                        path: vp("/outbound/students.csv"), flags: .read, bytesRead: 14, bytesWritten: 0,
                        outcome: .closed)),
            ])
    }

    @Test func fsetstatAndFsyncOnAnUpload() throws {
        let harness = try Harness()
        let handle = try harness.openHandle("/inbound/t.csv", writeCreate)
        _ = try harness.write(handle, offset: 0, [1, 2, 3, 4, 5])
        let setstat = try harness.send(
            Packet.request(FXP.fsetstat, id: harness.id()) {
                $0.string(handle)
                $0.attributes(size: 2, permissions: 0o600, times: (1_000, 2_000))
            })
        #expect(status(setstat)?.code == 0)
        let fsync = try harness.extended("fsync@openssh.com") { $0.string(handle) }
        #expect(status(fsync)?.code == 0)
        _ = try harness.close(handle)
        #expect(harness.fileSystem.contents(of: vp("/inbound/t.csv")) == [1, 2])
        guard case .attributes(_, let attributes) = try harness.pathRequest(FXP.stat, "/inbound/t.csv") else {
            Issue.record("no ATTRS")
            return
        }
        #expect(attributes.permissions == 0o100600)
        #expect(attributes.times?.1 == 2_000)
    }

    @Test func fsetstatNeedsAWriteHandle() throws {
        let harness = try Harness()
        let handle = try harness.openHandle("/outbound/students.csv", FXP.flagRead)
        let reply = try harness.send(
            Packet.request(FXP.fsetstat, id: harness.id()) {
                $0.string(handle)
                $0.attributes(size: 0)
            })
        #expect(status(reply)?.code == 3)
    }

    @Test func writesArePassedToTheFileSystemWithoutCopying() throws {
        let recorder = AddressRecordingFileSystem()
        let sink = OutputSink()
        let session = SFTPSession(fileSystem: recorder, send: { sink.bytes += $0 }, clock: FixedClock())
        try session.receive(Packet.initialize())
        let open = Packet.request(FXP.open, id: 1) {
            $0.string("/inbound/x")
            $0.u32(FXP.flagWrite | FXP.flagCreate)
            $0.attributes()
        }
        try session.receive(open)
        sink.bytes.removeAll()
        let write = Packet.request(FXP.write, id: 2) {
            $0.string([0, 0, 0, 0, 0, 0, 0, 1])
            $0.u64(0)
            $0.string([UInt8](repeating: 1, count: 1000))
        }
        try write.withUnsafeBytes { input in
            try session.receive(input)
            let written = try #require(recorder.handle.lastWrite)
            let inputStart = UInt(bitPattern: input.baseAddress)
            #expect(
                written.start >= inputStart && written.start + UInt(written.count) <= inputStart + UInt(input.count))
        }
        #expect(try Reply.parseAll(sink.bytes) == [.status(id: 2, code: 0, message: "Success")])
    }
}

/// A file system whose one handle records where the bytes it was asked to write lay in memory.
final class AddressRecordingFileSystem: SFTPFileSystem {
    final class Handle: SFTPFileHandle {
        var lastWrite: (start: UInt, count: Int)?
        func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(SFTPFileSystemError) -> Int {
            0
        }
        func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(SFTPFileSystemError) {
            lastWrite = (UInt(bitPattern: bytes.baseAddress), bytes.count)
        }
        func attributes() throws(SFTPFileSystemError) -> SFTPAttributes { .empty }
        func setAttributes(_ attributes: SFTPAttributes) throws(SFTPFileSystemError) {}
        func synchronize() throws(SFTPFileSystemError) {}
        func close() throws(SFTPFileSystemError) {}
        func abort() {}
    }

    let handle = Handle()

    func authorize(_ access: SFTPAccess, path: VirtualPath) throws(SFTPFileSystemError) {}
    func attributes(of path: VirtualPath) throws(SFTPFileSystemError) -> SFTPAttributes { .empty }
    func openFile(_ path: VirtualPath, flags: SFTPOpenFlags, attributes: SFTPAttributes) throws(SFTPFileSystemError)
        -> any SFTPFileHandle
    { handle }
    func listDirectory(_ path: VirtualPath) throws(SFTPFileSystemError) -> [SFTPDirectoryEntry] { [] }
    func removeFile(_ path: VirtualPath) throws(SFTPFileSystemError) {}
    func makeDirectory(_ path: VirtualPath, attributes: SFTPAttributes) throws(SFTPFileSystemError) {}
    func removeDirectory(_ path: VirtualPath) throws(SFTPFileSystemError) {}
    func rename(_ source: VirtualPath, to target: VirtualPath, replacingExisting: Bool) throws(SFTPFileSystemError) {}
    func setAttributes(_ attributes: SFTPAttributes, of path: VirtualPath) throws(SFTPFileSystemError) {}
    func statistics(for path: VirtualPath) throws(SFTPFileSystemError) -> SFTPFileSystemStatistics {
        SFTPFileSystemStatistics(totalBlocks: 0, freeBlocks: 0, availableBlocks: 0)
    }
}
