import PandaSFTP
import Testing

@Suite struct FramingTests {
    /// INIT and a few requests, as one stream.
    private func conversation() -> [UInt8] {
        Packet.initialize()
            + Packet.request(FXP.stat, id: 1) { $0.string("/outbound/students.csv") }
            + Packet.request(FXP.realpath, id: 2) { $0.string(".") }
            + Packet.request(FXP.stat, id: 3) { $0.string("/missing") }
            + Packet.extended("limits@openssh.com", id: 4)
    }

    private func replies(feeding stream: [UInt8], chunk: Int?) throws -> [Reply] {
        let harness = try Harness(initialize: false)
        try harness.feed(stream, chunk: chunk)
        return try harness.takeReplies()
    }

    @Test func oneByteChunksGiveTheSameRepliesAsOneChunk() throws {
        let whole = try replies(feeding: conversation(), chunk: nil)
        #expect(whole.count == 5)
        #expect(whole.compactMap(\.id) == [1, 2, 3, 4])
        #expect(try replies(feeding: conversation(), chunk: 1) == whole)
        #expect(try replies(feeding: conversation(), chunk: 7) == whole)
        #expect(try replies(feeding: conversation(), chunk: 4) == whole)
    }

    @Test func aLargeWriteSplitAcrossChunksArrivesWhole() throws {
        let harness = try Harness()
        let handle = try harness.openHandle("/inbound/big.csv", FXP.flagWrite | FXP.flagCreate)
        let data = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let packet = Packet.request(FXP.write, id: 77) {
            $0.string(handle)
            $0.u64(0)
            $0.string(data)
        }
        try harness.feed(packet, chunk: 32_768)
        #expect(try harness.takeReplies() == [.status(id: 77, code: 0, message: "Success")])
        #expect(status(try harness.close(handle)) == StatusLine(0, "Success"))
        #expect(harness.fileSystem.contents(of: vp("/inbound/big.csv")) == data)
    }

    @Test func repliesAreSentOncePerReceive() throws {
        let harness = try Harness()
        let sendsBefore = harness.sink.sends
        var stream: [UInt8] = []
        for id in 1...50 { stream += Packet.request(FXP.stat, id: UInt32(id)) { $0.string("/inbound") } }
        try harness.feed(stream)
        #expect(harness.sink.sends == sendsBefore + 1)
        #expect(try harness.takeReplies().count == 50)
    }

    @Test func anOversizedPacketIsRefusedFromItsLengthAlone() throws {
        let harness = try Harness()
        // Only the length prefix arrives: the engine must not wait for 300 KiB before refusing.
        #expect(throws: SFTPFramingError.packetTooLarge(length: 300_000, limit: 262_144)) {
            try harness.feed([0x00, 0x04, 0x93, 0xe0, FXP.write])
        }
    }

    @Test func anOversizedPacketSplitInsideItsLengthIsRefused() throws {
        let harness = try Harness()
        try harness.feed([0x00, 0x04])
        #expect(throws: SFTPFramingError.packetTooLarge(length: 300_000, limit: 262_144)) {
            try harness.feed([0x93, 0xe0])
        }
    }

    @Test func aPacketOfTheMaximumLengthIsAccepted() throws {
        let harness = try Harness()
        let handle = try harness.openHandle("/inbound/max.bin", FXP.flagWrite | FXP.flagCreate)
        let header = 1 + 4 + 4 + handle.count + 8 + 4
        let data = [UInt8](repeating: 7, count: 262_144 - header)
        let packet = Packet.request(FXP.write, id: 5) {
            $0.string(handle)
            $0.u64(0)
            $0.string(data)
        }
        #expect(packet.count == 4 + 262_144)
        #expect(try harness.send(packet) == .status(id: 5, code: 0, message: "Success"))
    }

    @Test func anEmptyPacketIsAFramingError() throws {
        let harness = try Harness()
        #expect(throws: SFTPFramingError.emptyPacket) { try harness.feed([0, 0, 0, 0]) }
    }

    @Test func aPacketTooShortForItsIdIsAFramingError() throws {
        let harness = try Harness()
        #expect(throws: SFTPFramingError.truncatedPacket(type: FXP.read)) {
            try harness.feed([0, 0, 0, 3, FXP.read, 0, 0])
        }
    }

    @Test func repliesBeforeAFramingErrorAreStillSent() throws {
        let harness = try Harness()
        let stream = Packet.request(FXP.stat, id: 1) { $0.string("/inbound") } + [0, 0, 0, 0]
        #expect(throws: SFTPFramingError.emptyPacket) { try harness.feed(stream) }
        #expect(try harness.takeReplies().compactMap(\.id) == [1])
    }

    @Test func aTruncatedRequestBodyIsABadMessage() throws {
        let harness = try Harness()
        // READ with a handle but no offset or length.
        let reply = try harness.send(Packet.request(FXP.read, id: 42) { $0.string([1, 2, 3, 4, 5, 6, 7, 8]) })
        #expect(reply == .status(id: 42, code: 5, message: "Bad message: the request could not be decoded"))
        // A string length running past the packet.
        let lying = try harness.send(Packet.request(FXP.stat, id: 43) { $0.u32(1000) })
        #expect(status(lying)?.code == 5)
        // Attributes announcing more extended pairs than could fit.
        let attributes = try harness.send(
            Packet.request(FXP.setstat, id: 44) {
                $0.string("/inbound")
                $0.u32(0x8000_0000)
                $0.u32(0xffff_ffff)
            })
        #expect(status(attributes)?.code == 5)
        // The session carries on.
        #expect(status(try harness.pathRequest(FXP.stat, "/inbound")) == nil)
    }

    @Test func unknownRequestTypesAreUnsupportedWithTheirId() throws {
        let harness = try Harness()
        #expect(
            try harness.send(Packet.request(99, id: 7))
                == .status(id: 7, code: 8, message: "Operation unsupported: request type 99"))
        #expect(try harness.send(Packet.request(101, id: 8)).id == 8)
    }

    @Test func extendedWithoutANameIsABadMessage() throws {
        let harness = try Harness()
        #expect(status(try harness.send(Packet.request(FXP.extended, id: 3)))?.code == 5)
    }

    @Test func trailingBytesAfterARequestAreIgnored() throws {
        let harness = try Harness()
        let reply = try harness.send(
            Packet.request(FXP.stat, id: 12) {
                $0.string("/inbound")
                $0.u32(0xdead_beef)
            })
        #expect(reply.id == 12)
        #expect(status(reply) == nil)
    }
}
