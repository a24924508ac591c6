import CLibSSH
import Foundation
import Synchronization

/// An `eventfd` that wakes a thread blocked in `poll` from another thread (stop, a freed login slot).
///
/// The descriptor is used and closed under one lock, so a late `signal()` can never write to a number the
/// kernel has already reused for another file.
final class WakeSignal: Sendable {
    private let descriptor: Mutex<Int32>

    init() throws {
        let fd = panda_ssh_eventfd()
        guard fd >= 0 else {
            throw SSHServerError.libssh(call: "eventfd", message: String(cString: strerror(errno)))
        }
        descriptor = Mutex(fd)
    }

    /// The descriptor to poll for reading; -1 once closed.
    var fd: Int32 { descriptor.withLock { $0 } }

    func signal() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            var one: UInt64 = 1
            _ = write(fd, &one, MemoryLayout<UInt64>.size)
        }
    }

    /// Resets the counter so the next `poll` blocks again.
    func drain() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            var value: UInt64 = 0
            _ = read(fd, &value, MemoryLayout<UInt64>.size)
        }
    }

    func close() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            _ = Foundation.close(fd)
            fd = -1
        }
    }

    deinit {
        close()
    }
}
