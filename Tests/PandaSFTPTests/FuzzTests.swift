import PandaSFTP
import Testing

/// SplitMix64: small, fast and seedable, so a failure reproduces from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// Generates plausible requests (and, often, damaged ones) for the fuzz tests.
struct RequestGenerator {
    var random: SeededGenerator
    var fileHandles: [[UInt8]] = []
    var directoryHandles: [[UInt8]] = []
    /// Packet type of the body last generated.
    private(set) var lastType: UInt8 = 0
    /// Handle named by the body last generated, if it was a CLOSE.
    private(set) var lastClosed: [UInt8]?

    private static let paths = [
        "/outbound/students.csv", "/inbound/a.csv", "/inbound/a.csv",
        "/", "", ".", "..", "/inbound", "/inbound/a.csv", "/inbound/b.csv", "/inbound/a.csv.filepart", "/inbound/d",
        "/inbound/d/x", "/outbound/students.csv", "/outbound", "/outbound/archive", "/results/r.csv", "/validate/v.csv",
        "../../../etc/passwd", "/inbound/../../outbound/students.csv", "/validate", "/none/x",
    ]
    private static let extensions = [
        "posix-rename@openssh.com", "statvfs@openssh.com", "fstatvfs@openssh.com", "fsync@openssh.com",
        "limits@openssh.com", "hardlink@openssh.com", "lsetstat@openssh.com", "x",
    ]

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) } }

    mutating func path() -> [UInt8] {
        if chance(5) { return bytes(Int.random(in: 0..<12, using: &random)) }
        return Array(Self.paths[Int.random(in: 0..<Self.paths.count, using: &random)].utf8)
    }

    /// A handle of the wanted kind mostly, of the other kind or garbage sometimes.
    mutating func handle(directory: Bool = false) -> [UInt8] {
        let pool = directory != chance(10) ? directoryHandles : fileHandles
        if pool.isEmpty || chance(5) { return bytes(chance(50) ? 8 : Int.random(in: 0..<12, using: &random)) }
        return pool[Int.random(in: 0..<pool.count, using: &random)]
    }

    /// Common flag combinations, and sometimes anything.
    mutating func openFlags() -> UInt32 {
        let common: [UInt32] = [0x1, 0x1, 0x1a, 0x1a, 0x3, 0x2, 0xa, 0x2a, 0x6]
        return chance(15)
            ? UInt32.random(in: 0..<64, using: &random) : common[Int.random(in: 0..<common.count, using: &random)]
    }

    mutating func offset() -> UInt64 {
        if chance(40) { return 0 }
        if chance(3) { return UInt64.random(in: 0...UInt64.max, using: &random) }
        return UInt64.random(in: 0..<8_000, using: &random)
    }

    mutating func attributes(_ wire: inout WireBuilder) {
        if chance(70) {
            wire.attributes()
            return
        }
        let size: UInt64? = chance(30) ? UInt64.random(in: 0..<5000, using: &random) : nil
        let permissions: UInt32? = chance(50) ? UInt32.random(in: 0...0o7777, using: &random) : nil
        let times: (UInt32, UInt32)? = chance(30) ? (1, 2) : nil
        wire.attributes(size: size, permissions: permissions, times: times)
    }

    /// A request body (type, id, fields), unframed.
    mutating func body(id: UInt32) -> [UInt8] {
        var wire = WireBuilder()
        // OPEN, CLOSE, READ and WRITE weigh more, so handles come and go and data flows.
        let types: [UInt8] = [
            3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 200,
        ]
        let type =
            chance(3)
            ? UInt8.random(in: 2...255, using: &random) : types[Int.random(in: 0..<types.count, using: &random)]
        lastType = type
        lastClosed = nil
        wire.u8(type)
        wire.u32(id)
        switch type {
        case 3:
            // Mostly paths where the open can succeed: uploads in /inbound, downloads of students.csv.
            let flags = openFlags()
            let writable = ["/inbound/a.csv", "/inbound/b.csv", "/validate/v.csv"]
            if chance(30) {
                wire.string(path())
            } else if flags & 0x1e != 0 {
                wire.string(writable[Int.random(in: 0..<writable.count, using: &random)])
            } else {
                wire.string(chance(50) ? "/outbound/students.csv" : "/inbound/a.csv")
            }
            wire.u32(flags)
            attributes(&wire)
        case 4:
            let closing = handle(directory: chance(30))
            lastClosed = closing
            wire.string(closing)
        case 8:
            wire.string(handle())
        case 12:
            wire.string(handle(directory: true))
        case 5:
            wire.string(handle())
            wire.u64(offset())
            wire.u32(
                chance(5)
                    ? UInt32.random(in: 0...UInt32.max, using: &random) : UInt32.random(in: 0..<40_000, using: &random))
        case 6:
            wire.string(handle())
            wire.u64(offset())
            wire.string(bytes(Int.random(in: 0..<3000, using: &random)))
        case 9, 14:
            wire.string(path())
            attributes(&wire)
        case 10:
            wire.string(handle())
            attributes(&wire)
        case 7, 11, 13, 15, 16, 17, 19:
            wire.string(path())
        case 18, 20:
            wire.string(path())
            wire.string(path())
        case 200:
            let name = Self.extensions[Int.random(in: 0..<Self.extensions.count, using: &random)]
            wire.string(name)
            if name.hasPrefix("fstatvfs") || name.hasPrefix("fsync") {
                wire.string(handle())
            } else {
                wire.string(path())
                wire.string(path())
            }
        default:
            wire.bytes += bytes(Int.random(in: 0..<20, using: &random))
        }
        return wire.bytes
    }

    /// Damages the fields after the id, keeping the packet framable (its length is recomputed by `frame`).
    mutating func mutate(_ body: [UInt8]) -> [UInt8] {
        var body = body
        switch Int.random(in: 0..<4, using: &random) {
        case 0 where body.count > 5:
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                body[Int.random(in: 5..<body.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
        case 1 where body.count > 5:
            body.removeLast(Int.random(in: 1...(body.count - 5), using: &random))
        case 2 where body.count >= 9:
            let at = Int.random(in: 5...(body.count - 4), using: &random)
            body.replaceSubrange(at..<at + 4, with: [0xff, 0xff, 0xff, UInt8.random(in: 0...255, using: &random)])
        default:
            body += bytes(Int.random(in: 1..<16, using: &random))
        }
        return body
    }

    /// Tracks what is open from the replies: new handles join a pool, closed ones leave it.
    mutating func learn(from reply: Reply, type: UInt8, closed: [UInt8]?) {
        switch reply {
        case .handle(_, let handle) where type == 11: directoryHandles.append(handle)
        case .handle(_, let handle): fileHandles.append(handle)
        case .status(_, 0, _) where closed != nil:
            fileHandles.removeAll { $0 == closed }
            directoryHandles.removeAll { $0 == closed }
        default: break
        }
    }

    static func frame(_ body: [UInt8]) -> [UInt8] {
        var wire = WireBuilder()
        wire.u32(UInt32(body.count))
        return wire.bytes + body
    }
}

@Suite struct FuzzTests {
    @Test(arguments: [UInt64(0x5eed), 0xdecaf])
    func randomAndDamagedRequestsAlwaysGetOneWellFormedReplyEach(seed: UInt64) throws {
        let fileSystem = Harness.standardTree()
        fileSystem.maxFileSize = 1 << 20
        let harness = try Harness(fileSystem: fileSystem, limits: SFTPLimits(maxOpenHandles: 16))
        var generator = RequestGenerator(seed: seed)
        var nextID: UInt32 = 1
        var sent = 0
        var kinds: [String: Int] = [:]
        while sent < 10_000 {
            // A batch of pipelined requests, fed in random chunks like a transport would.
            var stream: [UInt8] = []
            var ids: [UInt32] = []
            var types: [UInt8] = []
            var closed: [[UInt8]?] = []
            for _ in 0..<Int.random(in: 1...30, using: &generator.random) {
                let id = generator.chance(2) ? UInt32.random(in: 0...UInt32.max, using: &generator.random) : nextID
                nextID &+= 1
                var body = generator.body(id: id)
                if generator.chance(25) { body = generator.mutate(body) }
                stream += RequestGenerator.frame(body)
                ids.append(id)
                types.append(generator.lastType)
                closed.append(generator.lastClosed)
            }
            sent += ids.count
            let chunk = generator.chance(20) ? 1 : Int.random(in: 1...4096, using: &generator.random)
            try harness.feed(stream, chunk: chunk)
            let replies = try harness.takeReplies()
            #expect(replies.map(\.id) == ids.map { Optional($0) }, "seed \(seed), around request \(sent)")
            for (index, reply) in replies.enumerated() where index < types.count {
                generator.learn(from: reply, type: types[index], closed: closed[index])
            }
            for reply in replies { kinds[Self.kind(of: reply), default: 0] += 1 }
            #expect(harness.session.openHandleCount <= 16)
        }
        // The generator must reach the handlers, not just the error paths.
        for kind in ["ok", "handle", "data", "name", "attributes", "extended", "eof", "bad message", "failure"] {
            #expect(kinds[kind, default: 0] >= 20, "only \(kinds[kind, default: 0]) \(kind) replies: \(kinds)")
        }
        harness.session.close()
        #expect(harness.session.openHandleCount == 0)
    }

    private static func kind(of reply: Reply) -> String {
        switch reply {
        case .version: "version"
        case .status(_, 0, _): "ok"
        case .status(_, 1, _): "eof"
        case .status(_, 5, _): "bad message"
        case .status(_, 4, _): "failure"
        case .status: "other status"
        case .handle: "handle"
        case .data: "data"
        case .name: "name"
        case .attributes: "attributes"
        case .extendedReply: "extended"
        }
    }

    @Test func randomBytesNeverCrashTheEngine() throws {
        var random = SeededGenerator(seed: 42)
        for round in 0..<1500 {
            let harness = try Harness()
            var stream: [UInt8] = []
            // Plausible lengths make it past the framing guards into the request decoders.
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let body = (0..<Int.random(in: 0..<60, using: &random)).map { _ in
                    UInt8.random(in: 0...255, using: &random)
                }
                let length =
                    random.next() % 8 == 0 ? UInt32.random(in: 0...UInt32.max, using: &random) : UInt32(body.count)
                var wire = WireBuilder()
                wire.u32(length)
                stream += wire.bytes + body
            }
            do {
                try harness.feed(stream, chunk: Int.random(in: 1...64, using: &random))
            } catch {
                // A framing error is a legitimate answer to garbage; the stream must still hold whole replies.
            }
            #expect(throws: Never.self, "round \(round)") { try harness.takeReplies() }
            harness.session.close()
        }
    }
}
