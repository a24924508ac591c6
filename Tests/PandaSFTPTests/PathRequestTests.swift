import PandaSFTP
import Testing

@Suite struct PathRequestTests {
    @Test func statReportsFilesAndDirectories() throws {
        let harness = try Harness()
        let file = try harness.pathRequest(FXP.stat, "/outbound/students.csv")
        guard case .attributes(_, let attributes) = file else {
            Issue.record("no ATTRS: \(file)")
            return
        }
        #expect(attributes.size == 14)
        #expect(attributes.permissions == 0o100644)
        #expect(attributes.times?.1 == 1_767_225_600)
        guard case .attributes(_, let directory) = try harness.pathRequest(FXP.lstat, "/inbound") else {
            Issue.record("no ATTRS")
            return
        }
        #expect(directory.permissions == 0o040755)
        #expect(
            try harness.pathRequest(FXP.stat, "/missing")
                == .status(id: 3, code: 2, message: "No such file or directory"))
    }

    @Test func realpathNormalisesLexicallyAndNeverLeavesTheRoot() throws {
        let harness = try Harness()
        let cases = [
            ("", "/"), (".", "/"), ("/", "/"), ("..", "/"), ("/../../..", "/"), ("inbound", "/inbound"),
            ("inbound/../outbound//./archive/", "/outbound/archive"), ("../../etc/passwd", "/etc/passwd"),
            ("/inbound/../../../../tmp", "/tmp"),
        ]
        for (input, expected) in cases {
            let reply = try harness.pathRequest(FXP.realpath, input)
            guard case .name(_, let entries) = reply else {
                Issue.record("realpath \(input): \(reply)")
                continue
            }
            #expect(entries == [NameEntry(name: expected, longName: expected, attributes: Attributes())], "\(input)")
        }
    }

    @Test func dotDotClampsAtTheRootInEveryPathRequest() throws {
        let harness = try Harness()
        // Each request names a path that climbs out; the effect must land inside the tree, where `..` stops at `/`.
        #expect(status(try harness.mkdir("../../../../inbound/../made"))?.code == 0)
        #expect(harness.fileSystem.isDirectory(vp("/made")))
        #expect(status(try harness.upload("../../../inbound/up.csv", [1]))?.code == 0)
        #expect(harness.fileSystem.contents(of: vp("/inbound/up.csv")) == [1])
        #expect(status(try harness.pathRequest(FXP.stat, "/../../../outbound/students.csv")) == nil)
        #expect(
            status(try harness.twoPathRequest(FXP.rename, "/../inbound/up.csv", "../../../../inbound/moved.csv"))?.code
                == 0)
        #expect(harness.fileSystem.exists(vp("/inbound/moved.csv")))
        #expect(status(try harness.pathRequest(FXP.remove, "../../inbound/moved.csv"))?.code == 0)
        #expect(status(try harness.pathRequest(FXP.rmdir, "../../../made"))?.code == 0)
        guard case .handle = try harness.pathRequest(FXP.opendir, "../../..") else {
            Issue.record("opendir of ../../.. should open /")
            return
        }
        // Writing through `..` into a read-only folder is refused like the direct path.
        #expect(status(try harness.open("/inbound/../outbound/students.csv", FXP.flagWrite))?.code == 3)
        #expect(harness.fileSystem.allPaths.allSatisfy { $0.string.hasPrefix("/") && !$0.components.contains("..") })
    }

    @Test func pathsWithNULOrInvalidUTF8AreBadMessages() throws {
        let harness = try Harness()
        let nul = try harness.send(Packet.request(FXP.stat, id: 1) { $0.string(Array("/inbound\0/x".utf8)) })
        #expect(nul == .status(id: 1, code: 5, message: "file names must not contain NUL bytes"))
        let latin1 = try harness.send(Packet.request(FXP.stat, id: 2) { $0.string([0x2f, 0xe9, 0x74, 0xe9]) })
        #expect(latin1 == .status(id: 2, code: 5, message: "file names must be valid UTF-8"))
        let long = try harness.pathRequest(FXP.stat, "/" + String(repeating: "a", count: 256))
        #expect(status(long)?.code == 5)
    }

    @Test func setstatChangesAttributesOrIsRefused() throws {
        let harness = try Harness()
        harness.fileSystem.createFile(vp("/inbound/a.csv"), contents: [1, 2, 3])
        let reply = try harness.send(
            Packet.request(FXP.setstat, id: 1) {
                $0.string("/inbound/a.csv")
                $0.attributes(permissions: 0o600, times: (5, 6))
            })
        #expect(status(reply)?.code == 0)
        guard case .attributes(_, let attributes) = try harness.pathRequest(FXP.stat, "/inbound/a.csv") else {
            Issue.record("no ATTRS")
            return
        }
        #expect(attributes.permissions == 0o100600)
        #expect(attributes.times?.0 == 5 && attributes.times?.1 == 6)
        let refused = try harness.send(
            Packet.request(FXP.setstat, id: 2) {
                $0.string("/outbound/students.csv")
                $0.attributes(size: 0)
            })
        #expect(refused == .status(id: 2, code: 3, message: "/outbound is read-only"))
        #expect(harness.fileSystem.contents(of: vp("/outbound/students.csv"))?.count == 14)
    }

    @Test func removeDeletesFilesOnly() throws {
        let harness = try Harness()
        harness.fileSystem.createFile(vp("/inbound/a.csv"), contents: [1])
        #expect(status(try harness.pathRequest(FXP.remove, "/inbound/a.csv"))?.code == 0)
        #expect(!harness.fileSystem.exists(vp("/inbound/a.csv")))
        #expect(harness.log.events.last == .removed(vp("/inbound/a.csv")))
        #expect(status(try harness.pathRequest(FXP.remove, "/inbound/a.csv"))?.code == 2)
        #expect(status(try harness.pathRequest(FXP.remove, "/inbound")) == StatusLine(4, "Is a directory"))
        #expect(
            status(try harness.pathRequest(FXP.remove, "/outbound/students.csv"))
                == StatusLine(3, "/outbound is read-only"))
        #expect(harness.fileSystem.exists(vp("/outbound/students.csv")))
    }

    @Test func mkdirAndRmdir() throws {
        let harness = try Harness()
        #expect(status(try harness.mkdir("/inbound/2026"))?.code == 0)
        #expect(harness.fileSystem.isDirectory(vp("/inbound/2026")))
        #expect(status(try harness.mkdir("/inbound/2026")) == StatusLine(4, "File already exists"))
        #expect(status(try harness.mkdir("/outbound/x")) == StatusLine(3, "/outbound is read-only"))
        #expect(status(try harness.mkdir("/none/x"))?.code == 2)
        harness.fileSystem.createFile(vp("/inbound/2026/a.csv"), contents: [])
        #expect(status(try harness.pathRequest(FXP.rmdir, "/inbound/2026")) == StatusLine(4, "Directory not empty"))
        _ = try harness.pathRequest(FXP.remove, "/inbound/2026/a.csv")
        #expect(status(try harness.pathRequest(FXP.rmdir, "/inbound/2026"))?.code == 0)
        #expect(!harness.fileSystem.exists(vp("/inbound/2026")))
        #expect(status(try harness.pathRequest(FXP.rmdir, "/outbound")) == StatusLine(3, "/outbound is read-only"))
        #expect(status(try harness.pathRequest(FXP.rmdir, "/outbound/students.csv"))?.code == 3)
        #expect(status(try harness.pathRequest(FXP.rmdir, "/inbound/none"))?.code == 2)
    }

    @Test func plainRenameRefusesToReplaceButPosixRenameReplaces() throws {
        let harness = try Harness()
        harness.fileSystem.createFile(vp("/inbound/a.csv.filepart"), contents: [1])
        harness.fileSystem.createFile(vp("/inbound/a.csv"), contents: [2])
        let plain = try harness.twoPathRequest(FXP.rename, "/inbound/a.csv.filepart", "/inbound/a.csv")
        #expect(status(plain) == StatusLine(4, "File already exists"))
        #expect(harness.fileSystem.contents(of: vp("/inbound/a.csv")) == [2])
        let posix = try harness.extended("posix-rename@openssh.com") {
            $0.string("/inbound/a.csv.filepart")
            $0.string("/inbound/a.csv")
        }
        #expect(status(posix)?.code == 0)
        #expect(harness.fileSystem.contents(of: vp("/inbound/a.csv")) == [1])
        #expect(!harness.fileSystem.exists(vp("/inbound/a.csv.filepart")))
        #expect(
            harness.log.events.last
                == .renamed(from: vp("/inbound/a.csv.filepart"), to: vp("/inbound/a.csv"), replacingExisting: true))
        // A plain rename to a free name works.
        #expect(status(try harness.twoPathRequest(FXP.rename, "/inbound/a.csv", "/inbound/b.csv"))?.code == 0)
        #expect(harness.fileSystem.contents(of: vp("/inbound/b.csv")) == [1])
    }

    @Test func renameOutOfOrIntoReadOnlyFoldersIsRefused() throws {
        let harness = try Harness()
        harness.fileSystem.createFile(vp("/inbound/a.csv"), contents: [1])
        let into = try harness.twoPathRequest(FXP.rename, "/inbound/a.csv", "/outbound/students.csv")
        #expect(status(into) == StatusLine(3, "/outbound is read-only"))
        let outOf = try harness.twoPathRequest(FXP.rename, "/outbound/students.csv", "/inbound/s.csv")
        #expect(status(outOf) == StatusLine(3, "/outbound is read-only"))
        let folder = try harness.twoPathRequest(FXP.rename, "/outbound", "/inbound/o")
        #expect(status(folder)?.code == 3)
        #expect(harness.fileSystem.exists(vp("/outbound/students.csv")))
        #expect(status(try harness.twoPathRequest(FXP.rename, "/inbound/none", "/inbound/x"))?.code == 2)
    }

    @Test func renamingADirectoryMovesItsContent() throws {
        let harness = try Harness()
        harness.fileSystem.createFile(vp("/inbound/d/e/f.csv"), contents: [7])
        #expect(status(try harness.twoPathRequest(FXP.rename, "/inbound/d", "/validate/d2"))?.code == 0)
        #expect(harness.fileSystem.contents(of: vp("/validate/d2/e/f.csv")) == [7])
        #expect(!harness.fileSystem.exists(vp("/inbound/d")))
        #expect(status(try harness.twoPathRequest(FXP.rename, "/validate/d2", "/validate/d2/e/x"))?.code == 4)
    }

    @Test func symbolicAndHardLinksAreRefused() throws {
        let harness = try Harness()
        let symlink = try harness.twoPathRequest(FXP.symlink, "/", "/inbound/root")
        #expect(status(symlink) == StatusLine(8, "symbolic links are not supported"))
        #expect(!harness.fileSystem.exists(vp("/inbound/root")))
        let readlink = try harness.pathRequest(FXP.readlink, "/inbound")
        #expect(status(readlink) == StatusLine(8, "symbolic links are not supported"))
        let hardlink = try harness.extended("hardlink@openssh.com") {
            $0.string("/outbound/students.csv")
            $0.string("/inbound/s.csv")
        }
        #expect(status(hardlink) == StatusLine(8, "hard links are not supported"))
        #expect(!harness.fileSystem.exists(vp("/inbound/s.csv")))
        #expect(
            harness.log.events.last
                == .refused(
                    request: "hardlink", path: nil, status: .operationUnsupported,
                    message: "hard links are not supported"))
    }

    @Test func unknownExtensionsAreUnsupported() throws {
        let harness = try Harness()
        let reply = try harness.extended("copy-data") { $0.u64(1) }
        #expect(status(reply) == StatusLine(8, "Operation unsupported: extension \"copy-data\""))
        let hostile = try harness.extended("x\u{1}y")
        #expect(status(hostile) == StatusLine(8, "Operation unsupported: extension \"x?y\""))
    }

    @Test func statvfsReportsTheQuota() throws {
        let fileSystem = Harness.standardTree()
        fileSystem.quota = 1 << 30
        let harness = try Harness(fileSystem: fileSystem)
        guard
            case .extendedReply(_, let payload) = try harness.extended("statvfs@openssh.com", { $0.string("/inbound") })
        else {
            Issue.record("no EXTENDED_REPLY")
            return
        }
        var reader = WireReader(payload)
        let fields = try (0..<11).map { _ in try reader.u64() }
        #expect(reader.isAtEnd)
        #expect(fields[0] == 4096 && fields[1] == 4096)
        #expect(fields[2] == (1 << 30) / 4096)
        #expect(fields[3] == fields[2] - 1)  // the 14-byte students.csv takes one block
        #expect(fields[9] == 2)  // ST_NOSUID
        #expect(fields[10] == 255)
        #expect(status(try harness.extended("statvfs@openssh.com", { $0.string("/none") }))?.code == 2)
    }

    @Test func fstatvfsWorksOnAFileHandle() throws {
        let harness = try Harness()
        let handle = try harness.openHandle("/outbound/students.csv", FXP.flagRead)
        guard case .extendedReply(_, let payload) = try harness.extended("fstatvfs@openssh.com", { $0.string(handle) })
        else {
            Issue.record("no EXTENDED_REPLY")
            return
        }
        #expect(payload.count == 88)
    }

    @Test func limitsReportsPacketReadWriteAndHandleLimits() throws {
        let harness = try Harness()
        guard case .extendedReply(_, let payload) = try harness.extended("limits@openssh.com") else {
            Issue.record("no EXTENDED_REPLY")
            return
        }
        var reader = WireReader(payload)
        #expect(try [reader.u64(), reader.u64(), reader.u64(), reader.u64()] == [262_144, 261_120, 261_120, 512])
        #expect(reader.isAtEnd)
    }
}
