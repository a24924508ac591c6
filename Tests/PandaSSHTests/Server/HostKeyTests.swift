import Foundation
import PandaSSH
import PandaTesting
import Testing

@Suite("SSH host keys")
struct HostKeyTests {
    @Test("are generated once with mode 0600 in OpenSSH format, then reused")
    func generatedAndReused() throws {
        let directory = try TemporaryDirectory(prefix: "panda-hostkeys")
        defer { directory.remove() }
        let keyDirectory = directory.file("keys")
        #expect(try SSHHostKeys.fingerprints(in: keyDirectory).isEmpty)

        let first = try SSHHostKeys.prepare(in: keyDirectory)
        #expect(first.map(\.type) == [.ed25519, .ecdsa, .rsa])
        #expect(first.map(\.algorithm) == ["ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"])
        #expect(first.map(\.bits) == [256, 256, 3072])
        #expect(try mode(of: keyDirectory) == 0o700)
        for key in first {
            #expect(try mode(of: key.path) == 0o600, "\(key.path)")
            let text = try String(contentsOfFile: key.path, encoding: .utf8)
            #expect(text.hasPrefix("-----BEGIN OPENSSH PRIVATE KEY-----\n"))
            // ssh-keygen reads the private key and derives the same public key we wrote next to it.
            let derived = try ProcessRunner.run("/usr/bin/ssh-keygen", ["-y", "-f", key.path])
            let written = try String(contentsOfFile: key.path + ".pub", encoding: .utf8)
            #expect(derived.status == 0, "\(derived.stderr)")
            #expect(
                derived.stdout.split(whereSeparator: \.isWhitespace).prefix(2)
                    == written.split(separator: " ").prefix(2))
        }

        let again = try SSHHostKeys.prepare(in: keyDirectory)
        #expect(again == first)
        #expect(try SSHHostKeys.fingerprints(in: keyDirectory) == first)
    }

    @Test("fingerprints are byte for byte what ssh-keygen -lf prints")
    func fingerprintsMatchSSHKeygen() throws {
        let keys = try SSHHostKeys.prepare(in: TestKeys.hostKeyDirectory.path)
        for key in keys {
            let result = try ProcessRunner.run("/usr/bin/ssh-keygen", ["-lf", key.path])
            #expect(result.status == 0)
            // "3072 SHA256:… panda-host-key (RSA)"
            #expect(result.stdout == "\(key.bits) \(key.fingerprint) panda-host-key (\(key.type.label))\n")
            #expect(key.description == "\(key.bits) \(key.fingerprint) (\(key.type.label))")
        }
    }

    @Test("a host key readable by others is refused with the chmod to run")
    func unprotectedKeyRefused() throws {
        let directory = try TemporaryDirectory(prefix: "panda-hostkeys")
        defer { directory.remove() }
        let keys = try SSHHostKeys.prepare(in: directory.path)
        chmod(keys[0].path, 0o644)
        #expect(throws: SSHServerError.hostKeyUnprotected(path: keys[0].path, mode: 0o644)) {
            try SSHHostKeys.prepare(in: directory.path)
        }
        #expect(SSHServerError.hostKeyUnprotected(path: "/k", mode: 0o644).description.contains("chmod 600 /k"))
    }

    @Test("a key file of the wrong type or garbage is reported, not replaced")
    func corruptKeyReported() throws {
        let directory = try TemporaryDirectory(prefix: "panda-hostkeys")
        defer { directory.remove() }
        let path = directory.file(SSHHostKeyType.ed25519.fileName)
        // Not FileManager.createFile: on Linux it writes through a temporary directory it never removes.
        try Data("not a key".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        #expect(throws: SSHServerError.self) { try SSHHostKeys.prepare(in: directory.path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "not a key")
    }

    @Test("the running server presents the keys on disk")
    func serverUsesKeysOnDisk() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        #expect(server.server.hostKeys == (try SSHHostKeys.fingerprints(in: TestKeys.hostKeyDirectory.path)))
        let scan = try server.spawn(["ssh-keyscan", "-p", String(server.port), "-t", "ed25519,ecdsa,rsa", "127.0.0.1"])
        let result = scan.wait()
        #expect(result.status == 0)
        let lines = result.stdoutText.split(separator: "\n").filter { !$0.hasPrefix("#") }
        for key in server.server.hostKeys {
            let published = try String(contentsOfFile: key.path + ".pub", encoding: .utf8).split(separator: " ")[1]
            #expect(lines.contains { $0.hasSuffix(" " + published) }, "\(key.type) not offered")
        }
    }

    private func mode(of path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }
}
