import Foundation
import PandaSSH
import Testing

@Suite("SSH algorithms")
struct AlgorithmTests {
    @Test("strict key exchange (Terrapin countermeasure) is negotiated")
    func strictKex() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.ssh(user: "alice", key: TestKeys.alice, options: ["-vvv", "-s"], remote: ["sftp"])
            .wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("kex-strict-s-v00@openssh.com"))
        #expect(result.stderr.contains("will use strict KEX ordering"))
    }

    @Test(
        "every offered cipher works",
        arguments: [
            "chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com", "aes128-gcm@openssh.com", "aes256-ctr",
            "aes192-ctr", "aes128-ctr",
        ])
    func cipherWorks(cipher: String) throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.sftp(
            user: "alice", key: TestKeys.alice,
            options: ["-o", "Ciphers=\(cipher)", "-o", "MACs=hmac-sha2-256-etm@openssh.com"]
        ).wait()
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(
        "legacy algorithms are not offered",
        arguments: [
            ["-o", "HostKeyAlgorithms=ssh-rsa"], ["-o", "HostKeyAlgorithms=ssh-dss"],
            ["-o", "KexAlgorithms=diffie-hellman-group14-sha1"], ["-o", "KexAlgorithms=diffie-hellman-group1-sha1"],
            ["-o", "Ciphers=aes128-cbc"], ["-o", "Ciphers=3des-cbc"],
            ["-o", "Ciphers=aes128-ctr", "-o", "MACs=hmac-sha1"],
        ])
    func legacyRefused(options: [String]) throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.ssh(
            user: "alice", key: TestKeys.alice, options: ["-v"] + options + ["-s"], remote: ["sftp"]
        ).wait()
        #expect(result.status == 255)
        #expect(result.stderr.contains("Unable to negotiate"), "\(result.stderr)")
        #expect(server.observer.logins.isEmpty)
    }

    @Test("RSA user keys must sign with SHA-2: server-sig-algs excludes ssh-rsa")
    func serverSigAlgs() throws {
        let server = try TestServer(accounts: ["dave": [TestKeys.dave]])
        defer { server.shutDown() }
        let result = try server.ssh(user: "dave", key: TestKeys.dave, options: ["-vvv", "-s"], remote: ["sftp"]).wait()
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(result.stderr.split(separator: "\n").first { $0.contains("server-sig-algs") })
        #expect(line.contains("rsa-sha2-512"))
        #expect(!line.contains("ssh-rsa,") && !line.hasSuffix("ssh-rsa>"))
    }
}
