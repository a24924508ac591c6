import Foundation
import PandaTesting

/// Client key pairs generated once per test run with `ssh-keygen`, and one shared host-key directory
/// (RSA 3072 generation is too slow to repeat per test). Both directories are removed at process exit.
enum TestKeys {
    struct Key: Sendable {
        let name: String
        let privateKeyPath: String
        /// The base64 blob of the `.pub` file.
        let base64: String
        /// `SHA256:…` from `ssh-keygen -lf`.
        let fingerprint: String
    }

    private static let directory: TemporaryDirectory = {
        let directory = try! TemporaryDirectory(prefix: "panda-ssh-keys")
        atexit {
            TestKeys.directory.remove()
            TestKeys.hostKeyDirectory.remove()
        }
        return directory
    }()

    /// Host keys shared by every test server (created by the first server that starts).
    static let hostKeyDirectory: TemporaryDirectory = try! TemporaryDirectory(prefix: "panda-ssh-hostkeys")

    static let alice = generate("ed25519", name: "alice")
    static let bob = generate("ed25519", name: "bob")
    static let carol = generate("ecdsa", bits: 256, name: "carol")
    static let dave = generate("rsa", bits: 3072, name: "dave")
    static let weakRSA = generate("rsa", bits: 1024, name: "weak")
    static let dsa = generate("dsa", name: "dsa")
    static let strangers = (1...6).map { generate("ed25519", name: "stranger\($0)") }

    private static func generate(_ type: String, bits: Int? = nil, name: String) -> Key {
        let dir = directory.path
        _ = hostKeyDirectory
        let generated = try! KeyGenerator.generate(type, bits: bits, name: name, in: dir)
        let fields = try! generated.publicKeyText().split(separator: " ")
        return Key(
            name: name, privateKeyPath: generated.privateKeyPath, base64: String(fields[1]),
            fingerprint: try! generated.fingerprint())
    }
}
