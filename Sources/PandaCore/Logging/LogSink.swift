import Foundation
import Synchronization

/// Where structured log lines go. The server writes to standard error; tests capture them in memory.
public protocol LogSink: Sendable {
    func write(_ line: String)
}

/// Writes each line to standard error, whole, under a lock so concurrent sessions never interleave.
public struct StandardErrorSink: LogSink {
    private static let lock = Mutex(())

    public init() {}

    public func write(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        Self.lock.withLock { _ in
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = Foundation.write(2, raw.baseAddress! + offset, raw.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }
}

/// Keeps log lines in memory; for tests that assert what was (or was not) logged.
public final class MemoryLogSink: LogSink {
    private let storage = Mutex<[String]>([])

    public init() {}

    public func write(_ line: String) {
        storage.withLock { $0.append(line) }
    }

    /// Every line written so far, oldest first.
    public var lines: [String] { storage.withLock { $0 } }
}
