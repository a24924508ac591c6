import Foundation
import PandaTesting

/// SHA-256 computed by coreutils' `sha256sum`, independently of the server's own hashing.
enum SHA256Sum {
    /// The lower-case hex digest of `bytes`.
    static func hex(_ bytes: [UInt8]) throws -> String {
        let outcome = try ChildProcess.run(try ClientProgram.path("sha256sum"), ["-"], input: Data(bytes))
        return String(outcome.stdout.prefix(while: { !$0.isWhitespace }))
    }
}
