import Foundation
import PandaSSH
import Testing

@Suite("SSH logins")
struct LoginTests {
    @Test("a registered key logs in and sftp talks to the subsystem handler")
    func keyLoginAndSubsystem() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.sftp(user: "alice", key: TestKeys.alice).wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("Remote working directory: /"))
        #expect(!result.stderr.contains("closed by remote host"))

        let observer = server.observer
        #expect(observer.wait { $0.contains { if case .connectionClosed = $0 { true } else { false } } })
        let login = try #require(observer.logins.first)
        #expect(login.account == "alice")
        #expect(login.key.fingerprint == TestKeys.alice.fingerprint)
        #expect(login.key.type == "ssh-ed25519")
        #expect(login.connection.address == "127.0.0.1")
        #expect(observer.events.contains(.subsystemOpened(login, name: "sftp")))
        let closed = observer.events.compactMap { event -> (UInt64, UInt64)? in
            if case .connectionClosed(_, "alice", _, let bytesIn, let bytesOut, _) = event {
                (bytesIn, bytesOut)
            } else {
                nil
            }
        }
        #expect(closed.count == 1)
        #expect(closed.first.map { $0.0 > 0 && $0.1 > 0 } == true)
        // The probe and the verified request were both asked about, in that order.
        #expect(server.authenticator.seen.map(\.signatureVerified) == [false, true])
        #expect(!server.logs.lines.joined().contains(TestKeys.alice.base64))
    }

    @Test("ECDSA and RSA (SHA-2 signatures) keys log in", arguments: ["carol", "dave"])
    func otherKeyTypes(name: String) throws {
        let key = name == "carol" ? TestKeys.carol : TestKeys.dave
        let server = try TestServer(accounts: [name: [key]])
        defer { server.shutDown() }
        let result = try server.sftp(user: name, key: key).wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(server.observer.logins.map(\.key.fingerprint) == [key.fingerprint])
    }

    @Test("channel bytes are pumped both ways without loss (3 MiB echo)")
    func echoLargeStream() throws {
        let server = try TestServer(subsystem: .echo)
        defer { server.shutDown() }
        var payload = [UInt8](repeating: 0, count: 3 << 20)
        for index in payload.indices { payload[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 7) }
        let input = server.work.file("echo-input")
        try Data(payload).write(to: URL(fileURLWithPath: input))
        let result = try server.ssh(user: "alice", key: TestKeys.alice, options: ["-s"], remote: ["sftp"], stdin: input)
            .wait(timeout: .seconds(20))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.count == payload.count)
        #expect(result.stdout == Data(payload))
    }

    @Test("an unknown key is refused and reported")
    func unknownKeyRefused() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.sftp(user: "alice", key: TestKeys.strangers[0]).wait()
        #expect(result.status != 0)
        #expect(result.stderr.contains("Permission denied (publickey)"))
        #expect(server.observer.logins.isEmpty)
        #expect(server.observer.authFailures.map(\.reason) == ["unknown key"])
    }

    @Test("another account's key does not log into this account")
    func otherAccountsKeyRefused() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.sftp(user: "alice", key: TestKeys.bob).wait()
        #expect(result.status != 0)
        #expect(result.stderr.contains("Permission denied (publickey)"))
        #expect(server.observer.logins.isEmpty)
    }

    @Test("weak keys are refused with an answer, not a hang", arguments: ["weak", "dsa"])
    func weakKeysRefused(name: String) throws {
        let key = name == "weak" ? TestKeys.weakRSA : TestKeys.dsa
        let server = try TestServer(accounts: ["alice": [key]])
        defer { server.shutDown() }
        let result = try server.sftp(
            user: "alice", key: key, options: ["-o", "PubkeyAcceptedAlgorithms=+ssh-dss,ssh-rsa"]
        ).wait()
        #expect(!result.timedOut)
        #expect(result.status != 0)
        #expect(result.stderr.contains("Permission denied (publickey)"), "\(result.stderr)")
        #expect(server.observer.logins.isEmpty)
        let expected = name == "weak" ? "RSA key of 1024 bits" : "key type ssh-dss not accepted"
        #expect(server.observer.authFailures.map(\.reason).contains(expected))
    }

    @Test("only publickey is advertised: ssh -v lists it alone")
    func onlyPublicKeyAdvertised() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.ssh(
            user: "alice", key: nil,
            options: [
                "-v", "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password,keyboard-interactive",
            ], remote: ["true"]
        ).wait()
        #expect(result.status == 255)
        let advertised = result.stderr.split(whereSeparator: \.isNewline).filter {
            $0.contains("Authentications that can continue:")
        }
        #expect(!advertised.isEmpty)
        #expect(advertised.allSatisfy { $0.hasSuffix("Authentications that can continue: publickey") })
    }

    @Test("password and keyboard-interactive attempts are refused (paramiko)")
    func passwordRefused() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let script = """
            import sys, paramiko
            t = paramiko.Transport(("127.0.0.1", int(sys.argv[1])))
            t.start_client(timeout=5)
            for name, attempt in (("password", lambda: t.auth_password("alice", "secret")),
                                  ("keyboard-interactive", lambda: t.auth_interactive("alice", lambda *a: ["secret"]))):
                try:
                    attempt()
                    print(name, "ACCEPTED")
                except paramiko.BadAuthenticationType as e:
                    print(name, "refused, allowed:", ",".join(e.allowed_types))
                except paramiko.AuthenticationException as e:
                    print(name, "refused:", e)
            t.close()
            """
        let result = try server.python(script).wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("password refused, allowed: publickey"), "\(result.stdoutText)")
        #expect(result.stdoutText.contains("keyboard-interactive refused, allowed: publickey"))
        #expect(!result.stdoutText.contains("ACCEPTED"))
        server.observer.wait { events in events.contains { if case .connectionClosed = $0 { true } else { false } } }
        #expect(server.observer.authFailures.map(\.method) == ["password", "keyboard-interactive"])
        #expect(!server.logs.lines.joined().contains("secret"))
    }
}
