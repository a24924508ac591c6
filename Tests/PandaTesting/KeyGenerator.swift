import Foundation

/// Generates real SSH key pairs with `ssh-keygen`, as institutions do.
public enum KeyGenerator {
    public struct GeneratedKey: Sendable {
        /// Path of the private key; the public key is `privateKeyPath + ".pub"`.
        public let privateKeyPath: String
        public var publicKeyPath: String { privateKeyPath + ".pub" }

        public func publicKeyText() throws -> String { try String(contentsOfFile: publicKeyPath, encoding: .utf8) }

        /// The `SHA256:…` token `ssh-keygen -lf` prints for the public key.
        public func fingerprint() throws -> String {
            try KeyGenerator.sshKeygenFingerprint(of: publicKeyPath)
        }
    }

    /// `ssh-keygen -t TYPE [-b BITS] -N "" -f DIR/NAME -C NAME`.
    public static func generate(_ type: String, bits: Int? = nil, name: String, in directory: String) throws
        -> GeneratedKey
    {
        let path = directory + "/" + name
        var arguments = ["-q", "-t", type, "-N", "", "-f", path, "-C", name]
        if let bits { arguments += ["-b", String(bits)] }
        let result = try ProcessRunner.run(ProcessRunner.which("ssh-keygen") ?? "/usr/bin/ssh-keygen", arguments)
        guard result.status == 0 else { throw KeyGenerationFailed(message: result.stderr) }
        return GeneratedKey(privateKeyPath: path)
    }

    /// The fingerprint token of `ssh-keygen -lf FILE` (second field).
    public static func sshKeygenFingerprint(of file: String) throws -> String {
        let result = try ProcessRunner.run(ProcessRunner.which("ssh-keygen") ?? "/usr/bin/ssh-keygen", ["-lf", file])
        let fields = result.stdout.split(separator: " ")
        guard result.status == 0, fields.count >= 2 else { throw KeyGenerationFailed(message: result.stderr) }
        return String(fields[1])
    }

    public struct KeyGenerationFailed: Error {
        public let message: String
    }
}
