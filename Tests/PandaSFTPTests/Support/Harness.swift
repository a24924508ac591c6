import Foundation
import PandaCore
import PandaSFTP

/// A clock stopped at a fixed instant, so listings and modification times are predictable.
struct FixedClock: WallClock {
    var seconds: TimeInterval = 1_767_225_600  // 2026-01-01 00:00:00 UTC
    func now() -> Date { Date(timeIntervalSince1970: seconds) }
}

/// Collects what the session sends.
final class OutputSink {
    var bytes: [UInt8] = []
    var sends = 0
}

/// Collects the session's audit events.
final class EventLog: SFTPSessionObserver {
    var events: [SFTPSessionEvent] = []
    func record(_ event: SFTPSessionEvent) { events.append(event) }
}

/// A session over an in-memory tree, driven like a client would, with helpers for the usual requests.
final class Harness {
    let fileSystem: MemoryFileSystem
    let session: SFTPSession
    let sink = OutputSink()
    let log = EventLog()
    private var nextID: UInt32 = 1

    init(
        fileSystem: MemoryFileSystem = Harness.standardTree(), limits: SFTPLimits = SFTPLimits(),
        initialize: Bool = true
    ) throws {
        self.fileSystem = fileSystem
        let sink = self.sink
        session = SFTPSession(
            fileSystem: fileSystem, limits: limits,
            send: {
                sink.bytes += $0
                sink.sends += 1
            }, observer: log, clock: FixedClock())
        if initialize {
            try session.receive(Packet.initialize())
            _ = try takeReplies()
        }
    }

    /// The account-like tree of the spec: read-only `/outbound` and `/results`, writable `/inbound`, `/validate`.
    static func standardTree() -> MemoryFileSystem {
        let fileSystem = MemoryFileSystem(
            readOnlyFolders: [vp("/outbound"), vp("/results")], owner: "uni1",
            clock: FixedClock())
        for folder in ["/outbound/archive", "/inbound", "/validate", "/results"] {
            fileSystem.createDirectory(vp(folder))
        }
        fileSystem.createFile(vp("/outbound/students.csv"), contents: Array("id,name\n1,Ada\n".utf8))
        return fileSystem
    }

    /// A fresh request id.
    func id() -> UInt32 {
        defer { nextID += 1 }
        return nextID
    }

    /// Feeds bytes to the session, optionally cut into chunks of `chunk` bytes.
    func feed(_ bytes: [UInt8], chunk: Int? = nil) throws(SFTPFramingError) {
        guard let chunk else {
            try session.receive(bytes)
            return
        }
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            try session.receive(Array(bytes[start..<end]))
            start = end
        }
    }

    /// Every reply sent since the last call, parsed strictly.
    func takeReplies() throws -> [Reply] {
        defer { sink.bytes.removeAll() }
        return try Reply.parseAll(sink.bytes)
    }

    /// Sends one request and returns its one reply.
    func send(_ packet: [UInt8]) throws -> Reply {
        try feed(packet)
        let replies = try takeReplies()
        guard replies.count == 1, let reply = replies.first else {
            throw WireReader.Malformed(description: "expected one reply, got \(replies)")
        }
        return reply
    }

    // MARK: Request helpers (each returns the reply)

    func open(_ path: String, _ flags: UInt32, permissions: UInt32? = nil) throws -> Reply {
        try send(
            Packet.request(FXP.open, id: id()) {
                $0.string(path)
                $0.u32(flags)
                $0.attributes(permissions: permissions)
            })
    }

    /// Opens and returns the handle, or fails.
    func openHandle(_ path: String, _ flags: UInt32) throws -> [UInt8] {
        let reply = try open(path, flags)
        guard case .handle(_, let handle) = reply else {
            throw WireReader.Malformed(description: "open \(path) answered \(reply)")
        }
        return handle
    }

    func write(_ handle: [UInt8], offset: UInt64, _ data: [UInt8]) throws -> Reply {
        try send(
            Packet.request(FXP.write, id: id()) {
                $0.string(handle)
                $0.u64(offset)
                $0.string(data)
            })
    }

    func read(_ handle: [UInt8], offset: UInt64, length: UInt32) throws -> Reply {
        try send(
            Packet.request(FXP.read, id: id()) {
                $0.string(handle)
                $0.u64(offset)
                $0.u32(length)
            })
    }

    func handleRequest(_ type: UInt8, _ handle: [UInt8]) throws -> Reply {
        try send(Packet.request(type, id: id()) { $0.string(handle) })
    }

    func close(_ handle: [UInt8]) throws -> Reply { try handleRequest(FXP.close, handle) }

    func pathRequest(_ type: UInt8, _ path: String) throws -> Reply {
        try send(Packet.request(type, id: id()) { $0.string(path) })
    }

    func twoPathRequest(_ type: UInt8, _ first: String, _ second: String) throws -> Reply {
        try send(
            Packet.request(type, id: id()) {
                $0.string(first)
                $0.string(second)
            })
    }

    func extended(_ name: String, _ fields: (inout WireBuilder) -> Void = { _ in }) throws -> Reply {
        try send(Packet.extended(name, id: id(), fields))
    }

    func mkdir(_ path: String) throws -> Reply {
        try send(
            Packet.request(FXP.mkdir, id: id()) {
                $0.string(path)
                $0.attributes()
            })
    }

    /// Uploads `contents` to `path` with OPEN(WRITE|CREAT|TRUNC), WRITE, CLOSE; returns the CLOSE reply.
    func upload(_ path: String, _ contents: [UInt8]) throws -> Reply {
        let handle = try openHandle(path, FXP.flagWrite | FXP.flagCreate | FXP.flagTruncate)
        let written = try write(handle, offset: 0, contents)
        guard case .status(_, 0, _) = written else { throw WireReader.Malformed(description: "write: \(written)") }
        return try close(handle)
    }

    /// Reads a whole file with 32 KiB reads.
    func download(_ path: String) throws -> [UInt8] {
        let handle = try openHandle(path, FXP.flagRead)
        var contents: [UInt8] = []
        while case .data(_, let data) = try read(handle, offset: UInt64(contents.count), length: 32 * 1024) {
            contents += data
        }
        _ = try close(handle)
        return contents
    }
}

/// Builds a path for tests, where the literal is known to be valid.
func vp(_ path: String) -> VirtualPath {
    (try? VirtualPath(path)) ?? .root
}

/// Code and message of a STATUS reply.
struct StatusLine: Equatable, CustomStringConvertible {
    var code: UInt32
    var message: String

    init(_ code: UInt32, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { "\(code) \"\(message)\"" }
}

/// The code and message of `reply`, or `nil` if it is not a STATUS.
func status(_ reply: Reply) -> StatusLine? {
    guard case .status(_, let code, let message) = reply else { return nil }
    return StatusLine(code, message)
}
