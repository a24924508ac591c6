import PandaSFTP
import Testing

@Suite struct HandshakeTests {
    @Test func initIsAnsweredWithVersionThreeAndTheExtensionList() throws {
        let harness = try Harness(initialize: false)
        try harness.feed(Packet.initialize(version: 6))
        let replies = try harness.takeReplies()
        #expect(
            replies == [
                .version(
                    3,
                    extensions: [
                        "posix-rename@openssh.com=1", "statvfs@openssh.com=2", "fstatvfs@openssh.com=2",
                        "fsync@openssh.com=1", "limits@openssh.com=1",
                    ])
            ])
        #expect(harness.session.clientVersion == 6)
        #expect(harness.log.events == [.initialized(clientVersion: 6)])
    }

    @Test func hardlinkIsNotAdvertised() throws {
        let harness = try Harness(initialize: false)
        try harness.feed(Packet.initialize())
        guard case .version(_, let extensions) = try harness.takeReplies().first else {
            Issue.record("no VERSION")
            return
        }
        #expect(!extensions.contains { $0.hasPrefix("hardlink") })
    }

    @Test func aRequestBeforeInitClosesTheSession() throws {
        let harness = try Harness(initialize: false)
        #expect(throws: SFTPFramingError.expectedInit(receivedType: FXP.stat)) {
            try harness.feed(Packet.request(FXP.stat, id: 1) { $0.string("/") })
        }
        #expect(try harness.takeReplies().isEmpty)
        #expect(throws: SFTPFramingError.sessionClosed) { try harness.feed(Packet.initialize()) }
    }

    @Test func initWithoutVersionIsTruncated() throws {
        let harness = try Harness(initialize: false)
        #expect(throws: SFTPFramingError.truncatedPacket(type: 1)) { try harness.feed([0, 0, 0, 1, 1]) }
    }

    @Test func aSecondInitClosesTheSession() throws {
        let harness = try Harness()
        #expect(throws: SFTPFramingError.repeatedInit) { try harness.feed(Packet.initialize()) }
    }

    @Test func oldClientsGetStatusWithoutMessage() throws {
        let harness = try Harness(initialize: false)
        try harness.feed(Packet.initialize(version: 2) + Packet.request(FXP.stat, id: 9) { $0.string("/nope") })
        // VERSION, then a STATUS of exactly type + id + code.
        let stream = harness.sink.bytes
        let versionLength = Int(stream[3]) + Int(stream[2]) << 8
        let status = Array(stream[(4 + versionLength)...])
        #expect(status == [0, 0, 0, 9, 101, 0, 0, 0, 9, 0, 0, 0, 2])
    }

    @Test func receiveAfterCloseThrows() throws {
        let harness = try Harness()
        harness.session.close()
        #expect(throws: SFTPFramingError.sessionClosed) {
            try harness.feed(Packet.request(FXP.stat, id: 1) { $0.string("/") })
        }
    }
}
