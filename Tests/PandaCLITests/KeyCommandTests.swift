import Foundation
import PandaTesting
import Testing

@Suite struct KeyCommandTests {
    @Test func addPrintsTheFingerprintSSHKeygenPrints() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U")
        for (type, bits) in [("ed25519", nil), ("ecdsa", 384), ("rsa", 2048)] as [(String, Int?)] {
            let key = try KeyGenerator.generate(type, bits: bits, name: "k-\(type)", in: cli.directory.path)
            let out = try cli.ok("key", "add", "uni1", key.publicKeyPath)
            #expect(out.contains(try key.fingerprint()))
        }
        let list = try cli.json("key", "list", "uni1") as? [[String: Any]]
        #expect(list?.count == 3)
        #expect(Set(list?.compactMap { $0["type"] as? String } ?? []) == ["ED25519", "ECDSA", "RSA"])
    }

    @Test func refusedKeysExplainWhyAndAreNotStored() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U")
        let short = try KeyGenerator.generate("rsa", bits: 1024, name: "short", in: cli.directory.path)
        let result = try cli.run("key", "add", "uni1", short.publicKeyPath)
        #expect(result.status == 1)
        #expect(result.stderr.contains("1024 bits is too short"))
        let garbage = try cli.write("garbage.pub", "not a key\n")
        #expect(try cli.run("key", "add", "uni1", garbage).stderr.contains("not an OpenSSH public key"))
        let missing = try cli.run("key", "add", "uni1", cli.directory.file("nope.pub"))
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("does not exist"))
        #expect(try cli.ok("key", "list", "uni1").contains("no keys"))
    }

    @Test func optionsOverrideAndExpiryMustBeInTheFuture() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U")
        let key = try KeyGenerator.generate("ed25519", name: "k", in: cli.directory.path)
        let past = try cli.run("key", "add", "uni1", key.publicKeyPath, "--expires", "2001-01-01")
        #expect(past.status == 1)
        #expect(past.stderr.contains("in the past"))
        try cli.ok("key", "add", "uni1", key.publicKeyPath, "--expires", "2099-12-31", "--from", "192.0.2.0/24")
        let listed = (try cli.json("key", "list", "uni1") as? [[String: Any]])?.first
        #expect(listed?["expiresAt"] as? String == "2099-12-31T00:00:00Z")
        #expect(listed?["allowedSources"] as? [String] == ["192.0.2.0/24"])
    }

    @Test func rotationThenRevocation() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U")
        let old = try KeyGenerator.generate("ed25519", name: "old", in: cli.directory.path)
        let new = try KeyGenerator.generate("ed25519", name: "new", in: cli.directory.path)
        try cli.ok("key", "add", "uni1", old.publicKeyPath)
        try cli.ok("key", "add", "uni1", new.publicKeyPath)
        let revoked = try cli.ok("key", "revoke", "uni1", try old.fingerprint())
        #expect(revoked.contains("1 active key left"))
        let table = try cli.ok("key", "list", "uni1")
        let oldLine = table.split(separator: "\n").first { $0.contains(try! old.fingerprint()) }
        #expect(oldLine?.contains("revoked") == true)
        let again = try cli.run("key", "revoke", "uni1", try old.fingerprint())
        #expect(again.status == 1)
        #expect(again.stderr.contains("panda key list uni1"))
        let audit = try cli.ok("audit", "uni1")
        #expect(audit.contains("key.add") && audit.contains("key.revoke"))
    }
}
