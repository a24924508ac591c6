import Dispatch
import Foundation
import PandaCore
import Synchronization

/// Computes the SHA-256 of a file while it is being written, on a thread of its own, by reading back
/// (from the page cache) what the writer reports as written in order.
///
/// Hashing on the session's thread took about half of its CPU time during fast uploads; on another
/// core it costs the transfer nothing. If the writer goes out of order, the hasher stops and the
/// caller hashes the finished file instead.
final class BackgroundFileHasher: Sendable {
    private struct Progress {
        /// Bytes 0..<written are on disk, written in order.
        var written: Int64 = 0
        var finished = false
        var cancelled = false
    }

    private let descriptor: Int32
    private let progress = Mutex(Progress())
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<(length: Int64, digest: [UInt8])?>(nil)
    private let joined = Mutex(false)
    /// Wake the thread only after this many new bytes, so small writes cost no system call.
    private static let wakeEvery: Int64 = 1 << 20

    /// Starts hashing the file open at `descriptor` (duplicated: the caller may close its own).
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

    /// Waits for the hash of exactly `length` bytes; nil when the hasher saw less (out-of-order writes).
    func finish(length: Int64) -> [UInt8]? {
        progress.withLock { $0.finished = true }
        join()
        guard let result = result.withLock({ $0 }), result.length == length else { return nil }
        return result.digest
    }

    /// Stops without a result (the upload was abandoned).
    func cancel() {
        progress.withLock { $0.cancelled = true }
        join()
    }

    /// Wakes the thread and waits for it to end; safe to call more than once.
    private func join() {
        guard
            !joined.withLock({ was in
                defer { was = true }; return was
            })
        else { return }
        wake.signal()
        done.wait()
    }

    private func run() {
        defer {
            close(descriptor)
            done.signal()
        }
        let hasher = SHA256Hasher()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        var hashed: Int64 = 0
        while true {
            let p = progress.withLock { $0 }
            if p.cancelled { return }
            if hashed < p.written {
                let count = min(Int(p.written - hashed), buffer.count)
                let n = pread(descriptor, buffer.baseAddress, count, off_t(hashed))
                if n <= 0 { return }  // the caller hashes the finished file instead
                hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                hashed += Int64(n)
                continue
            }
            if p.finished {
                result.withLock { $0 = (hashed, hasher.finalize()) }
                return
            }
            wake.wait()
        }
    }
}
