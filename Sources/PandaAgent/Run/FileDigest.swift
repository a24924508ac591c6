import Foundation
import PandaCore

/// The SHA-256 of a local file, as the server states it in a report (lower-case hex).
enum FileDigest {
    static func sha256Hex(path: String) throws(AgentError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .inputFile(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        do {
            return try FileSHA256.digest(descriptor: fd).hex
        } catch {
            throw .inputFile(path: path, reason: String(cString: strerror(error.code)))
        }
    }
}
