import Foundation
import PandaCore

/// One SFTP version 3 session: turns the bytes of an SFTP channel into replies and file system calls.
///
/// The SSH transport creates one session per `sftp` subsystem channel, passes every byte it reads from the channel
/// to `receive`, and writes to the channel whatever `send` is given. The session does no I/O of its own and is
/// confined to the thread that drives it (it is not `Sendable`); `send` and the observer are called on that thread,
/// synchronously, from within `receive` and `close`.
///
/// Packets may arrive cut anywhere; complete packets are parsed in place from the caller's bytes, and replies are
/// gathered in one reusable buffer and handed to `send` at the end of each `receive` (or sooner, once 64 KiB are
/// waiting), so a burst of pipelined requests costs few transport writes.
public final class SFTPSession {
    private enum State {
        case awaitingInit
        case ready
        /// A framing error was thrown: nothing more is read, but handles stay open until `close()`.
        case failed
        case closed
    }

    /// Replies are handed to the transport once this many bytes are waiting, to bound the buffer when a client
    /// pipelines many large reads.
    static let flushThreshold = 64 * 1024

    let fileSystem: any SFTPFileSystem
    /// The limits this session enforces and advertises.
    public let limits: SFTPLimits
    let observer: (any SFTPSessionObserver)?
    private let send: (UnsafeRawBufferPointer) -> Void
    private let clock: any WallClock
    private var state = State.awaitingInit
    /// The version the client announced in `INIT`, once it did.
    public private(set) var clientVersion: UInt32?

    private let input = SFTPInputBuffer()
    let output = SFTPPacketWriter()
    var handles: SFTPHandleTable

    /// Creates a session over `fileSystem`.
    ///
    /// - Parameters:
    ///   - send: Called with bytes to write to the channel, in order; the buffer is valid only during the call.
    ///   - observer: Told about opens, closes, renames, removals and refusals, for auditing.
    ///   - clock: Decides whether directory listings show a file's time of day or its year.
    public init(
        fileSystem: any SFTPFileSystem,
        limits: SFTPLimits = SFTPLimits(),
        send: @escaping (UnsafeRawBufferPointer) -> Void,
        observer: (any SFTPSessionObserver)? = nil,
        clock: any WallClock = SystemClock()
    ) {
        self.fileSystem = fileSystem
        self.limits = limits
        self.send = send
        self.observer = observer
        self.clock = clock
        self.handles = SFTPHandleTable(limit: limits.maxOpenHandles)
    }

    deinit {
        close()
    }

    /// Handles currently open (files and directories).
    public var openHandleCount: Int { handles.count }

    /// Consumes bytes read from the channel, answering every complete request in them.
    ///
    /// Throws on a framing violation (oversized or empty packet, anything but `INIT` first, a packet too short for
    /// its header); the transport must then close the channel and call `close()`. Replies to earlier packets have
    /// been sent by then. A malformed request whose id is readable is answered with `SSH_FX_BAD_MESSAGE` instead.
    public func receive(_ bytes: UnsafeRawBufferPointer) throws(SFTPFramingError) {
        guard state == .awaitingInit || state == .ready else { throw .sessionClosed }
        defer { flush() }
        do {
            try frame(bytes)
        } catch {
            state = .failed
            input.removeAll()
            throw error
        }
    }

    /// Consumes bytes read from the channel; see `receive(_:)` for an unsafe buffer.
    public func receive(_ bytes: [UInt8]) throws(SFTPFramingError) {
        var failure: SFTPFramingError?
        bytes.withUnsafeBytes { buffer in
            do throws(SFTPFramingError) {
                try receive(buffer)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Ends the session: every handle still open is aborted (an upload never closed is discarded, not committed).
    ///
    /// Call it when the channel closes, for whatever reason. Idempotent; `receive` throws afterwards.
    public func close() {
        guard state != .closed else { return }
        state = .closed
        input.release()
        output.removeAll()
        for item in handles.removeAll() {
            guard case .file(let file) = item else { continue }
            file.handle.abort()
            observer?.record(.fileClosed(file.transfer(.aborted)))
        }
    }

    /// Splits `bytes` into packets, finishing one begun in an earlier call first.
    private func frame(_ bytes: UnsafeRawBufferPointer) throws(SFTPFramingError) {
        var rest = bytes
        if !input.isEmpty {
            if input.count < 4 {
                let take = min(4 - input.count, rest.count)
                input.append(UnsafeRawBufferPointer(rebasing: rest[0..<take]))
                rest = UnsafeRawBufferPointer(rebasing: rest[take...])
                guard input.count == 4 else { return }
                input.reserve(4 + (try checkedLength(input.bytes)))
            }
            let total = 4 + (try checkedLength(input.bytes))
            let take = min(total - input.count, rest.count)
            input.append(UnsafeRawBufferPointer(rebasing: rest[0..<take]))
            rest = UnsafeRawBufferPointer(rebasing: rest[take...])
            guard input.count == total else { return }
            try process(UnsafeRawBufferPointer(rebasing: input.bytes[4..<total]))
            input.removeAll()
        }
        while rest.count >= 4 {
            let length = try checkedLength(rest)
            guard rest.count >= 4 + length else { break }
            try process(UnsafeRawBufferPointer(rebasing: rest[4..<4 + length]))
            rest = UnsafeRawBufferPointer(rebasing: rest[(4 + length)...])
            if output.count >= Self.flushThreshold { flush() }
        }
        if !rest.isEmpty {
            // Check the length as soon as it is known, so an oversized packet is refused before it is buffered.
            if rest.count >= 4 { input.reserve(4 + (try checkedLength(rest))) }
            input.append(rest)
        }
    }

    /// The packet length at the start of `bytes` (at least 4 bytes), checked against the limits.
    private func checkedLength(_ bytes: UnsafeRawBufferPointer) throws(SFTPFramingError) -> Int {
        let length = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        guard length != 0 else { throw .emptyPacket }
        guard length <= limits.maxPacketLength else {
            throw .packetTooLarge(length: length, limit: limits.maxPacketLength)
        }
        return Int(length)
    }

    /// Handles one packet: its type byte and body, without the length.
    private func process(_ packet: UnsafeRawBufferPointer) throws(SFTPFramingError) {
        let type = packet[0]
        if state == .awaitingInit {
            guard type == SFTPPacketType.initialize.rawValue else { throw .expectedInit(receivedType: type) }
            guard packet.count >= 5 else { throw .truncatedPacket(type: type) }
            // Extension pairs a client may append to INIT are ignored, as OpenSSH does.
            let version = UInt32(bigEndian: packet.loadUnaligned(fromByteOffset: 1, as: UInt32.self))
            clientVersion = version
            state = .ready
            replyVersion()
            observer?.record(.initialized(clientVersion: version))
            return
        }
        guard type != SFTPPacketType.initialize.rawValue else { throw .repeatedInit }
        guard packet.count >= 5 else { throw .truncatedPacket(type: type) }
        let id = UInt32(bigEndian: packet.loadUnaligned(fromByteOffset: 1, as: UInt32.self))
        var reader = SFTPPacketReader(UnsafeRawBufferPointer(rebasing: packet[5...]))
        handleRequest(type: type, id: id, reader: &reader)
    }

    /// Hands the waiting replies to the transport.
    func flush() {
        guard output.count > 0 else { return }
        send(output.bytes)
        output.removeAll()
    }

    /// Seconds since 1970, for directory listings.
    var now: Int64 { Int64(clock.now().timeIntervalSince1970.rounded(.down)) }

    /// Whether status replies carry a message: version 3 added it, and clients of older versions would choke.
    var statusCarriesMessage: Bool { (clientVersion ?? SFTPProtocolVersion.current) >= 3 }
}
