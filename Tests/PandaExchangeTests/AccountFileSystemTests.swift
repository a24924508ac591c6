import Foundation
import PandaCore
import PandaExchange
import PandaSFTP
import Testing

@Suite struct AccountFileSystemTests {
    @Test func rootListsTheFolders() throws {
        let f = try TreeFixture()
        defer { f.directory.remove() }
        #expect(try f.fileSystem.listDirectory(.root).map(\.name) == ["inbound", "outbound", "results", "validate"])
        #expect(try f.fileSystem.listDirectory(f.path("/outbound")).map(\.name) == ["archive"])
        #expect(try f.fileSystem.attributes(of: f.path("/inbound")).isDirectory)
    }

    @Test func uploadIsCommittedOnCloseAndReported() throws {
        let f = try TreeFixture()
        defer { f.directory.remove() }
        try f.upload("/inbound/user.csv", "user,\"K1\"\n")
        #expect(f.hostFiles() == ["inbound/user.csv"])
        #expect(try f.read("/inbound/user.csv") == "user,\"K1\"\n")
        guard case .completed(let upload) = f.intake.events.first else {
            Issue.record("no completion reported")
            return
        }
        #expect(upload.name == "user.csv" && upload.folder == .inbound && upload.size == 10)
        #expect(upload.sha256 == Digest.sha256Hex(Array("user,\"K1\"\n".utf8)))
    }

    @Test func anAbortedUploadLeavesNothing() throws {
        let f = try TreeFixture()
        defer { f.directory.remove() }
        let handle = try f.fileSystem.openFile(f.path("/inbound/x.csv"), flags: [.write, .create], attributes: .empty)
        try Array("partial".utf8).withUnsafeBytes { try handle.write($0, at: 0) }
        handle.abort()
        #expect(f.hostFiles().isEmpty)
        #expect(f.intake.events.isEmpty)
    }

    @Test func temporaryNamesAreCompletedByRename() throws {
        let f = try TreeFixture()
        defer { f.directory.remove() }
        try f.upload("/inbound/user.csv.filepart", "user,\"K1\"\n")
        #expect(f.intake.events.isEmpty)
        try f.fileSystem.rename(
            f.path("/inbound/user.csv.filepart"), to: f.path("/inbound/user.csv"), replacingExisting: false)
        #expect(f.hostFiles() == ["inbound/user.csv"])
        guard case .completed(let upload) = f.intake.events.first else {
            Issue.record("rename did not complete the upload")
            return
        }
        #expect(upload.name == "user.csv" && upload.size == 10)
    }

    @Test func plainRenameDoesNotReplace() throws {
        let f = try TreeFixture()
        defer { f.directory.remove() }
        try f.upload("/inbound/a.csv", "a")
        try f.upload("/inbound/b.csv", "b")
        #expect(throws: SFTPFileSystemError.alreadyExists) {
            try f.fileSystem.rename(f.path("/inbound/a.csv"), to: f.path("/inbound/b.csv"), replacingExisting: false)
        }
        #expect(try f.read("/inbound/b.csv") == "b")
        try f.fileSystem.rename(f.path("/inbound/a.csv"), to: f.path("/inbound/b.csv"), replacingExisting: true)
        #expect(try f.read("/inbound/b.csv") == "a")
        #expect(f.hostFiles() == ["inbound/b.csv"])
    }

    @Test func readOnlyFoldersRefuseEveryChange() throws {
        let f = try TreeFixture()
        defer { f.directory.remove() }
        for target in ["/outbound/students.csv", "/results/r.txt", "/outbound/archive/x.csv", "/x.csv"] {
            #expect(throws: SFTPFileSystemError.self) { try f.fileSystem.authorize(.write, path: f.path(target)) }
            #expect(throws: SFTPFileSystemError.self) {
                _ = try f.fileSystem.openFile(f.path(target), flags: [.write, .create], attributes: .empty)
            }
        }
        #expect(throws: SFTPFileSystemError.self) {
            try f.fileSystem.makeDirectory(f.path("/inbound/sub"), attributes: .empty)
        }
        #expect(throws: SFTPFileSystemError.self) {
            try f.fileSystem.authorize(.removeDirectory, path: f.path("/inbound"))
        }
        #expect(f.hostFiles().isEmpty)
    }

    @Test func validateIsWriteOnly() throws {
        let f = try TreeFixture()
        defer { f.directory.remove() }
        try f.upload("/validate/dry.csv", "user,\"K1\"\n")
        #expect(throws: SFTPFileSystemError.self) {
            try f.fileSystem.authorize(.read, path: f.path("/validate/dry.csv"))
        }
        #expect(try f.fileSystem.listDirectory(f.path("/validate")).map(\.name) == ["dry.csv"])
    }

    @Test func plantedSymlinksAreNotFollowed() throws {
        let f = try TreeFixture()
        defer { f.directory.remove() }
        let canary = f.directory.file("canary.txt")
        try "do not touch".write(toFile: canary, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: f.accountRoot + "/inbound/link.csv", withDestinationPath: canary)
        #expect(throws: SFTPFileSystemError.noSuchFile) { _ = try f.read("/inbound/link.csv") }
        // The link is not even listed: only regular files are.
        #expect(try f.fileSystem.listDirectory(f.path("/inbound")).isEmpty)
        // Uploading to its name replaces the link itself, never the file it points to.
        try f.upload("/inbound/link.csv", "overwrite")
        #expect(try String(contentsOfFile: canary, encoding: .utf8) == "do not touch")
        let info = try FileManager.default.attributesOfItem(atPath: f.accountRoot + "/inbound/link.csv")
        #expect(info[.type] as? FileAttributeType == .typeRegular)
    }

    @Test func fileSizeLimitRefusesAndLeavesNothing() throws {
        var settings = AccountSettings()
        settings.maxFileSize = ByteCount(10)
        let f = try TreeFixture(settings: settings)
        defer { f.directory.remove() }
        #expect(throws: SFTPFileSystemError.self) {
            try f.upload("/inbound/big.csv", String(repeating: "x", count: 25))
        }
        #expect(f.hostFiles().isEmpty)
        #expect(f.intake.events.isEmpty)
    }

    @Test func quotaRefusesAndLeavesNothing() throws {
        var settings = AccountSettings()
        settings.quota = ByteCount(30)
        let f = try TreeFixture(settings: settings)
        defer { f.directory.remove() }
        try f.upload("/inbound/a.csv", String(repeating: "a", count: 20))
        do {
            try f.upload("/inbound/b.csv", String(repeating: "b", count: 20))
            Issue.record("quota not enforced")
        } catch let error as SFTPFileSystemError {
            guard case .quotaExceeded(let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(message.contains("uni1"))
        }
        #expect(f.hostFiles() == ["inbound/a.csv"])
    }

    @Test func filesPerDayLimit() throws {
        var settings = AccountSettings()
        settings.maxFilesPerDay = 1
        let f = try TreeFixture(settings: settings)
        defer { f.directory.remove() }
        try f.upload("/inbound/a.csv", "a")
        #expect(throws: SFTPFileSystemError.self) { try f.upload("/inbound/b.csv", "b") }
        #expect(f.hostFiles() == ["inbound/a.csv"])
    }

    @Test func anUnrecordedUploadIsNotKept() throws {
        let f = try TreeFixture(failingIntake: true)
        defer { f.directory.remove() }
        #expect(throws: SFTPFileSystemError.self) { try f.upload("/inbound/a.csv", "a") }
        #expect(f.hostFiles().isEmpty)
    }

    @Test func removeWithdrawsAQueuedUpload() throws {
        let f = try TreeFixture()
        defer { f.directory.remove() }
        try f.upload("/inbound/a.csv", "a")
        try f.fileSystem.removeFile(f.path("/inbound/a.csv"))
        #expect(f.intake.events.last == .withdrawn("a.csv"))
        #expect(f.hostFiles().isEmpty)
        #expect(throws: SFTPFileSystemError.noSuchFile) { try f.fileSystem.removeFile(f.path("/inbound/a.csv")) }
    }

    @Test func anotherAccountsFilesLookMissing() throws {
        let f = try TreeFixture()
        defer { f.directory.remove() }
        let other = try TreeFixture(username: "uni2")
        defer { other.directory.remove() }
        try other.upload("/inbound/secret.csv", "secret")
        for path in ["/inbound/secret.csv", "/../uni2/inbound/secret.csv", "/accounts/uni2/inbound/secret.csv"] {
            #expect(throws: SFTPFileSystemError.noSuchFile) { _ = try f.fileSystem.attributes(of: f.path(path)) }
        }
    }

    @Test func resumingAnUploadKeepsTheEarlierBytes() throws {
        let f = try TreeFixture()
        defer { f.directory.remove() }
        try f.upload("/inbound/a.csv.part", "hello ")
        let handle = try f.fileSystem.openFile(f.path("/inbound/a.csv.part"), flags: [.write], attributes: .empty)
        try Array("world".utf8).withUnsafeBytes { try handle.write($0, at: 6) }
        try handle.close()
        try f.fileSystem.rename(f.path("/inbound/a.csv.part"), to: f.path("/inbound/a.csv"), replacingExisting: false)
        #expect(try f.read("/inbound/a.csv") == "hello world")
        guard case .completed(let upload) = f.intake.events.last else { return }
        #expect(upload.sha256 == Digest.sha256Hex(Array("hello world".utf8)))
    }

    @Test func largeUploadsInAnyWriteOrderGetTheRightDigest() throws {
        let f = try TreeFixture()
        defer { f.directory.remove() }
        let content = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 11) }
        let chunk = 32_768
        for (name, order) in [
            ("in-order.csv", Array(stride(from: 0, to: content.count, by: chunk))),
            ("reversed.csv", Array(stride(from: 0, to: content.count, by: chunk).reversed())),
        ] {
            let handle = try f.fileSystem.openFile(
                f.path("/inbound/\(name)"), flags: [.write, .create, .truncate], attributes: .empty)
            for offset in order {
                try content[offset..<min(offset + chunk, content.count)].withUnsafeBytes {
                    try handle.write($0, at: UInt64(offset))
                }
            }
            try handle.close()
        }
        let digests = f.intake.events.compactMap { event -> String? in
            if case .completed(let upload) = event { return upload.sha256 }
            return nil
        }
        #expect(digests == Array(repeating: Digest.sha256Hex(content), count: 2))
    }

    @Test func largeUploadsAreQueuedAtOnceAndTheirDigestFollows() throws {
        let f = try TreeFixture()
        defer { f.directory.remove() }
        let size = (9 << 20) + 5  // above the size that waits for its digest at CLOSE
        let content = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let chunk = 32_768
        let offsets = Array(stride(from: 0, to: content.count, by: chunk))
        for (name, order) in [
            ("in-order.csv", offsets), ("reversed.csv", offsets.reversed()), ("late.csv.part", offsets),
        ] {
            let handle = try f.fileSystem.openFile(
                f.path("/inbound/\(name)"), flags: [.write, .create, .truncate], attributes: .empty)
            for offset in order {
                try content[offset..<min(offset + chunk, content.count)].withUnsafeBytes {
                    try handle.write($0, at: UInt64(offset))
                }
            }
            try handle.close()
        }
        try f.fileSystem.rename(
            f.path("/inbound/late.csv.part"), to: f.path("/inbound/late.csv"), replacingExisting: false)
        let queued = f.intake.events.compactMap { event -> CompletedUpload? in
            if case .completed(let upload) = event { return upload }
            return nil
        }
        #expect(queued.map(\.name) == ["in-order.csv", "reversed.csv", "late.csv"])
        #expect(queued.allSatisfy { $0.size == Int64(size) })
        let expected = Digest.sha256Hex(content)
        #expect(f.intake.digests() == ["in-order.csv": expected, "reversed.csv": expected, "late.csv": expected])
    }

    @Test func aFileRenamedFromAnotherSessionsTemporaryNameIsHashedFromDisk() throws {
        let f = try TreeFixture()
        defer { f.directory.remove() }
        try f.upload("/inbound/a.csv.part", "user,\"K1\"\n")
        // Another session (its own file system over the same folders) finishes the upload.
        let other = try f.anotherSession()
        try other.rename(f.path("/inbound/a.csv.part"), to: f.path("/inbound/a.csv"), replacingExisting: false)
        #expect(f.intake.digests() == ["a.csv": Digest.sha256Hex(Array("user,\"K1\"\n".utf8))])
    }
}
