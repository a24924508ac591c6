import Foundation
import PandaCore

/// The SHA-256 of a local file, as the server states it in a report (lower-case hex).
enum FileDigest {
    static func sha256Hex(path: String) throws(AgentError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .inputFile(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let hasher = SHA256Hasher()
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .inputFile(path: path, reason: String(cString: strerror(errno))) }
            if count == 0 { break }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        return Digest.hex(hasher.finalize())
    }
}
