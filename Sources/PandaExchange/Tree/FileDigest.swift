import Foundation
import PandaCore

/// SHA-256 of a file read through an open descriptor, failures reported as the host errors of the tree.
enum FileDigest {
    static func sha256(descriptor fd: Int32) throws(HostError) -> (size: Int64, hex: String) {
        do {
            return try FileSHA256.digest(descriptor: fd)
        } catch {
            throw HostError(operation: "read", code: error.code)
        }
    }
}
