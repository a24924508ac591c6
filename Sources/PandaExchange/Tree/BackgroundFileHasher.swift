import Dispatch
import Foundation
import PandaCore
import Synchronization

/// Works behind an upload on a thread of its own, so the client never waits for it: flushes what was
/// written to disk as it arrives, and computes the file's SHA-256 by reading back (from the page cache)
/// what the writer reports as written in order.
///
/// Why: during a fast upload the SHA-256 costs about as much CPU as decrypting the transfer, and
/// flushing 1 GiB left to CLOSE took 0.15–0.45 s with the client idle. The thread runs at the lowest
/// CPU priority, so on a busy machine it yields to sessions and finishes after them; CLOSE commits the
/// file and the digest follows (`PendingDigest`). Flushing every `flushEvery` bytes leaves the `fsync`
/// on CLOSE only the last few megabytes.
final class BackgroundFileHasher: Sendable {
    private struct Progress {
        /// Bytes 0..<written are on disk, written in order.
        var written: Int64 = 0
        /// Set by `finish`: the file's final length, and whether what was hashed so far is unusable.
        var finalLength: Int64?
        var rehash = false
        var cancelled = false
    }

    private let descriptor: Int32
    private let progress = Mutex(Progress())
    private let wake = DispatchSemaphore(value: 0)
    let digest = PendingDigest()
    /// Wake the thread only after this many new bytes, so small writes cost no system call.
    private static let wakeEvery: Int64 = 1 << 20
    /// Flush to disk after this many written bytes: large enough that flushing costs few calls, small
    /// enough that little is left for CLOSE.
    private static let flushEvery: Int64 = 32 << 20

    /// Starts working on the file open at `descriptor` (duplicated: the caller may close its own).
    init?(descriptor: Int32) {
        let copy = dup(descriptor)
        guard copy >= 0 else { return nil }
        self.descriptor = copy
        Thread.detachNewThread { [self] in run() }
    }

    /// The writer has written bytes 0..<length in order.
    func advance(to length: Int64) {
        let shouldWake = progress.withLock { p -> Bool in
            let before = p.written
            p.written = length
            return length / Self.wakeEvery != before / Self.wakeEvery
        }
        if shouldWake { wake.signal() }
    }

    /// The file is complete at `length` bytes; `rehash` when the writes were not all in order (the
    /// digest is then computed from the whole file). Returns at once; the digest follows.
    func finish(length: Int64, rehash: Bool) -> PendingDigest {
        progress.withLock {
            $0.finalLength = length
            $0.rehash = rehash
        }
        wake.signal()
        return digest
    }

    /// Stops without a result (the upload was abandoned).
    func cancel() {
        progress.withLock { $0.cancelled = true }
        wake.signal()
    }

    private func run() {
        // Lowest priority for this thread only (on Linux `setpriority` with 0 names the calling thread).
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        var hasher = SHA256Hasher()
        var hashed: Int64 = 0
        var flushed: Int64 = 0
        while true {
            let p = progress.withLock { $0 }
            if p.cancelled { return digest.resolve(nil) }
            if let length = p.finalLength {
                if p.rehash || hashed > length {
                    hasher = SHA256Hasher()
                    hashed = 0
                }
                guard hash(upTo: length, from: &hashed, into: hasher, buffer: buffer) else {
                    return digest.resolve(nil)
                }
                return digest.resolve(Digest.hex(hasher.finalize()))
            }
            if p.written - flushed >= Self.flushEvery {
                // Best effort: CLOSE fsyncs anyway and reports any error there.
                _ = fdatasync(descriptor)
                flushed = p.written
            }
            if hashed < p.written {
                guard
                    hash(
                        upTo: min(p.written, hashed + Int64(buffer.count)), from: &hashed, into: hasher, buffer: buffer)
                else { return digest.resolve(nil) }
                continue
            }
            wake.wait()
        }
    }

    /// Hashes bytes hashed..<end; false if the file ended early or could not be read.
    private func hash(
        upTo end: Int64, from hashed: inout Int64, into hasher: SHA256Hasher, buffer: UnsafeMutableRawBufferPointer
    ) -> Bool {
        while hashed < end {
            let n = pread(descriptor, buffer.baseAddress, min(Int(end - hashed), buffer.count), off_t(hashed))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            hashed += Int64(n)
        }
        return true
    }
}
