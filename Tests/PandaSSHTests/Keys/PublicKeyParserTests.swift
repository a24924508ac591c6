import Foundation
import PandaCore
import PandaSSH
import PandaTesting
import Testing

/// Key fixtures generated with `ssh-keygen`; `NAME.expected` holds what `ssh-keygen -lf NAME.pub` printed.
private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/keys").path

private func fixture(_ name: String) throws -> String {
    try String(contentsOfFile: "\(fixtures)/\(name).pub", encoding: .utf8)
}

private func expectedFingerprint(_ name: String) throws -> String {
    try String(contentsOfFile: "\(fixtures)/\(name).expected", encoding: .utf8)
        .trimmingCharacters(in: .whitespacesAndNewlines)
}

@Suite struct PublicKeyParserTests {
    @Test(arguments: [
        ("ed25519", SSHKeyAlgorithm.ed25519, 256),
        ("ed25519-rfc4716", .ed25519, 256),
        ("ecdsa-p256", .ecdsaP256, 256),
        ("ecdsa-p384", .ecdsaP384, 384),
        ("ecdsa-p521", .ecdsaP521, 521),
        ("rsa-2048", .rsa, 2048),
        ("rsa-3072", .rsa, 3072),
        ("rsa-4096", .rsa, 4096),
    ])
    func acceptsModernKeys(name: String, algorithm: SSHKeyAlgorithm, bits: Int) throws {
        let key = try PublicKeyParser.parse(try fixture(name))
        #expect(key.algorithm == algorithm)
        #expect(key.bits == bits)
        #expect(key.fingerprint == (try expectedFingerprint(name)))
    }

    @Test func refusesDSAWithReason() throws {
        #expect(throws: KeyError.dsaRefused) { try PublicKeyParser.parse(try fixture("dsa-1024")) }
        #expect(KeyError.dsaRefused.message.contains("ssh-keygen -t ed25519"))
    }

    @Test func refusesShortRSAWithReason() throws {
        #expect(throws: KeyError.rsaTooShort(bits: 1024, minimum: 2048)) {
            try PublicKeyParser.parse(try fixture("rsa-1024"))
        }
    }

    @Test func keepsTheComment() throws {
        #expect(try PublicKeyParser.parse(try fixture("ed25519")).comment == "fixture-ed25519")
    }

    @Test func refusesGarbage() {
        #expect(throws: KeyError.self) { try PublicKeyParser.parse("garbage") }
        #expect(throws: KeyError.empty) { try PublicKeyParser.parse("\n# only a comment\n") }
    }

    @Test func refusesTruncatedKeyData() throws {
        let line = try fixture("ed25519")
        let parts = line.split(separator: " ")
        let truncated = "\(parts[0]) \(parts[1].prefix(40))== x"
        #expect(throws: KeyError.self) { try PublicKeyParser.parse(truncated) }
    }

    @Test func refusesMislabelledKey() throws {
        let parts = try fixture("ed25519").split(separator: " ")
        #expect(throws: KeyError.typeMismatch(declared: "ssh-rsa", actual: "ssh-ed25519")) {
            try PublicKeyParser.parse("ssh-rsa \(parts[1]) x")
        }
    }

    @Test func refusesPrivateKeysAndCertificates() {
        #expect(throws: KeyError.privateKeyGiven) {
            try PublicKeyParser.parse(
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n")
        }
        #expect(throws: KeyError.certificate("ssh-ed25519-cert-v01@openssh.com")) {
            try PublicKeyParser.parse(
                "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29t x")
        }
    }

    @Test func refusesSeveralKeysInOneFile() throws {
        let two = try fixture("ed25519") + (try fixture("ecdsa-p256"))
        #expect(throws: KeyError.multipleKeys(count: 2)) { try PublicKeyParser.parse(two) }
    }

    @Test func readsFromAndExpiryOptions() throws {
        let line = #"from="192.0.2.0/24,2001:db8::1",expiry-time="20300131" "# + (try fixture("ecdsa-p256"))
        let key = try PublicKeyParser.parse(line)
        #expect(key.allowedSources.map(\.description) == ["192.0.2.0/24", "2001:db8::1"])
        #expect(key.expiresAt == Timestamp.parseISO8601("2030-01-31T00:00:00Z"))
        #expect(key.fingerprint == (try expectedFingerprint("ecdsa-p256")))
    }

    @Test func refusesOtherOptions() throws {
        let key = try fixture("ed25519")
        #expect(throws: KeyError.unsupportedOption("no-pty")) { try PublicKeyParser.parse("no-pty " + key) }
        #expect(throws: KeyError.unsupportedOption(#"command="/bin/sh""#)) {
            try PublicKeyParser.parse(#"command="/bin/sh" "# + key)
        }
        #expect(throws: KeyError.self) { try PublicKeyParser.parse(#"from="*.example.com" "# + key) }
        #expect(throws: KeyError.self) { try PublicKeyParser.parse(#"expiry-time="2030" "# + key) }
    }

    /// A key made now, not only the fixtures: our fingerprint is byte-for-byte `ssh-keygen -lf`'s.
    @Test(arguments: [("ed25519", nil), ("ecdsa", 521), ("rsa", 3072)] as [(String, Int?)])
    func fingerprintMatchesSSHKeygen(type: String, bits: Int?) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let generated = try KeyGenerator.generate(type, bits: bits, name: "k", in: dir.path)
        let parsed = try PublicKeyParser.parse(try generated.publicKeyText())
        #expect(parsed.fingerprint == (try generated.fingerprint()))
    }
}
