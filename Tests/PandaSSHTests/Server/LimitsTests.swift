import Foundation
import PandaCore
import PandaSSH
import PandaTesting
import Testing

@Suite("SSH limits and bans")
struct LimitsTests {
    @Test("the connection is closed after maxAuthAttempts rejected keys")
    func authAttemptLimit() throws {
        let server = try TestServer(limits: SSHServerLimits(maxAuthAttempts: 3))
        defer { server.shutDown() }
        let keys = TestKeys.strangers.prefix(5).flatMap { ["-i", $0.privateKeyPath] }
        let result = try server.ssh(user: "alice", key: nil, options: ["-v"] + keys, remote: ["true"]).wait()
        #expect(result.status == 255)
        #expect(result.stderr.lowercased().contains("too many authentication failures"), "\(result.stderr)")
        #expect(server.observer.wait { _ in server.observer.closeReasons == ["too many authentication failures"] })
        #expect(server.observer.authFailures.count == 3)
        #expect(server.observer.logins.isEmpty)
    }

    @Test("repeated failed logins ban the address; removing the ban lets it in again")
    func banAfterFailures() throws {
        let policy = SSHBanPolicy(threshold: 2, window: .seconds(60), initialBan: .seconds(60))
        let server = try TestServer(banPolicy: policy)
        defer { server.shutDown() }
        for _ in 0..<2 {
            let failed = try server.sftp(user: "alice", key: TestKeys.strangers[1]).wait()
            #expect(failed.status != 0)
        }
        #expect(server.observer.wait { events in events.contains { if case .banned = $0 { true } else { false } } })
        let ban = try #require(server.banList.bans(at: Date()).first)
        #expect(ban.address == "127.0.0.1")
        #expect(ban.duration == .seconds(60))

        // Even the right key is turned away while banned, before any SSH traffic.
        let refused = try server.sftp(user: "alice", key: TestKeys.alice).wait()
        #expect(refused.status != 0)
        #expect(
            server.observer.wait { events in
                events.contains { if case .connectionRejected("127.0.0.1", .banned) = $0 { true } else { false } }
            })
        #expect(server.observer.logins.isEmpty)

        server.banList.remove(address: "127.0.0.1")
        let admitted = try server.sftp(user: "alice", key: TestKeys.alice).wait()
        #expect(admitted.status == 0, "\(admitted.stderr)")
    }

    @Test("a client that never authenticates is cut off after the login grace time")
    func loginGraceTime() throws {
        let server = try TestServer(limits: SSHServerLimits(loginGraceTime: .seconds(1)))
        defer { server.shutDown() }
        // Connects, exchanges banners and keys, then sits there: nc keeps the TCP connection open silently.
        let started = ContinuousClock.now
        let idle = try server.spawn([
            "python3", "-c",
            """
            import socket, sys, time
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
            s.sendall(b"SSH-2.0-Idle\\r\\n")
            s.settimeout(10)
            while s.recv(4096): pass
            print("closed")
            """, String(server.port),
        ])
        let result = idle.wait(timeout: .seconds(8))
        #expect(result.stdoutText == "closed\n")
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(server.observer.wait { _ in server.observer.closeReasons == ["login grace time exceeded"] })
    }

    @Test("an idle authenticated session is closed after the idle timeout")
    func idleTimeout() throws {
        let server = try TestServer(limits: SSHServerLimits(idleTimeout: .seconds(1)))
        defer { server.shutDown() }
        let result = try server.ssh(user: "alice", key: TestKeys.alice, options: ["-N"]).wait(timeout: .seconds(8))
        #expect(!result.timedOut)
        #expect(server.observer.wait { _ in server.observer.closeReasons == ["idle timeout"] })
    }

    @Test("sessions per account are capped; other accounts are unaffected")
    func sessionsPerAccount() throws {
        let server = try TestServer(limits: SSHServerLimits(maxSessionsPerAccount: 1))
        defer { server.shutDown() }
        let holder = try server.ssh(user: "alice", key: TestKeys.alice, options: ["-N"])
        #expect(server.observer.wait { _ in server.observer.logins.count == 1 })

        let second = try server.sftp(user: "alice", key: TestKeys.alice).wait()
        #expect(second.status != 0)
        #expect(server.observer.refusals.contains(.sessionLimit(account: "alice")))
        let other = try server.sftp(user: "bob", key: TestKeys.bob).wait()
        #expect(other.status == 0, "\(other.stderr)")

        _ = holder.terminate()
        #expect(server.observer.wait { _ in server.observer.closeReasons.count == 3 })
        let again = try server.sftp(user: "alice", key: TestKeys.alice).wait()
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test("an account's own session limit from the authenticator replaces the default")
    func perAccountLimitFromAuthenticator() throws {
        let server = try TestServer(sessionLimits: ["alice": 1])
        defer { server.shutDown() }
        let holder = try server.ssh(user: "alice", key: TestKeys.alice, options: ["-N"])
        #expect(server.observer.wait { _ in server.observer.logins.count == 1 })
        let second = try server.ssh(user: "alice", key: TestKeys.alice, options: ["-v", "-s"], remote: ["sftp"]).wait()
        #expect(second.status == 255)
        #expect(second.stderr.contains("too many sessions for this account"), "\(second.stderr)")
        let other = try server.sftp(user: "bob", key: TestKeys.bob).wait()
        #expect(other.status == 0, "\(other.stderr)")
        _ = holder.terminate()
    }

    @Test("50 parallel logins all succeed, with only 8 handshakes at a time")
    func parallelLogins() throws {
        let server = try TestServer(limits: SSHServerLimits(maxUnauthenticatedConnections: 8))
        defer { server.shutDown() }
        let clients = try (0..<50).map { index in
            try server.sftp(
                user: index.isMultiple(of: 2) ? "alice" : "bob",
                key: index.isMultiple(of: 2) ? TestKeys.alice : TestKeys.bob)
        }
        let results = clients.map { $0.wait(timeout: .seconds(30)) }
        #expect(results.filter { $0.status == 0 }.count == 50, "\(results.filter { $0.status != 0 }.map(\.stderr))")
        #expect(server.observer.wait { _ in server.observer.closeReasons.count == 50 })
        #expect(server.server.connectionCount == 0)
    }

    @Test("stop() ends open sessions within the grace period")
    func stopEndsSessions() throws {
        let server = try TestServer(shutdownGracePeriod: .seconds(3))
        defer { server.shutDown() }
        let holder = try server.ssh(user: "alice", key: TestKeys.alice, options: ["-N"])
        #expect(server.observer.wait { _ in server.observer.logins.count == 1 })
        let started = ContinuousClock.now
        server.server.stop()
        #expect(ContinuousClock.now - started < .seconds(2))
        let result = holder.wait(timeout: .seconds(5))
        #expect(!result.timedOut)
        #expect(server.observer.closeReasons == ["server shutting down"])
        #expect(server.server.boundPort == nil)
    }
}

@Suite("SSH server lifecycle")
struct LifecycleTests {
    @Test("run() serves until its task is cancelled, then stops")
    func runUntilCancelled() async throws {
        let work = try TemporaryDirectory(prefix: "panda-ssh-run")
        defer { work.remove() }
        let server = SSHServer(
            configuration: SSHServerConfiguration(
                hostKeyDirectory: TestKeys.hostKeyDirectory.path, host: "127.0.0.1", port: 0),
            authenticator: TestAuthenticator([:]), logger: Logger(component: "ssh", sink: MemoryLogSink())
        ) { _, writer in EchoHandler(writer: writer) }
        let task = Task { try await server.run() }
        var port: Int?
        for _ in 0..<500 where port == nil {
            port = server.boundPort
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(port != nil)
        task.cancel()
        try await task.value
        #expect(server.boundPort == nil)
        #expect(throws: SSHServerError.alreadyStarted) { try server.start() }
    }

    @Test("a port in use is reported with the port and what to do")
    func portInUse() throws {
        let first = try TestServer()
        defer { first.shutDown() }
        let second = SSHServer(
            configuration: SSHServerConfiguration(
                hostKeyDirectory: TestKeys.hostKeyDirectory.path, host: "127.0.0.1", port: first.port),
            authenticator: TestAuthenticator([:]), logger: Logger(component: "ssh", sink: MemoryLogSink())
        ) { _, writer in EchoHandler(writer: writer) }
        do {
            try second.start()
            Issue.record("started twice on one port")
            second.stop()
        } catch let error as SSHServerError {
            #expect(error.description.contains("port \(first.port)"))
            #expect(error.description.contains("choose another port"))
        }
    }
}

@Suite("SSH ban policy")
struct BanPolicyTests {
    @Test("bans double up to the maximum and are forgotten after a quiet day")
    func backOff() {
        let policy = SSHBanPolicy(
            threshold: 3, window: .seconds(600), initialBan: .seconds(60), maximumBan: .seconds(3600))
        #expect(
            (1...8).map { policy.banDuration(count: $0) }
                == [60, 120, 240, 480, 960, 1920, 3600, 3600].map { .seconds($0) })

        let list = InMemoryBanList(policy: policy)
        var now = Date(timeIntervalSince1970: 1_000_000)
        #expect(list.recordFailure(from: "192.0.2.1", at: now) == nil)
        #expect(list.recordFailure(from: "192.0.2.1", at: now) == nil)
        let first = list.recordFailure(from: "192.0.2.1", at: now)
        #expect(first?.duration == .seconds(60))
        #expect(list.activeBan(for: "192.0.2.1", at: now.addingTimeInterval(59)) == first)
        #expect(list.activeBan(for: "192.0.2.1", at: now.addingTimeInterval(60)) == nil)
        #expect(list.activeBan(for: "192.0.2.2", at: now) == nil)

        now += 120
        for _ in 0..<3 { _ = list.recordFailure(from: "192.0.2.1", at: now) }
        #expect(list.activeBan(for: "192.0.2.1", at: now)?.duration == .seconds(120))

        now += 2 * 86_400
        for _ in 0..<3 { _ = list.recordFailure(from: "192.0.2.1", at: now) }
        #expect(list.activeBan(for: "192.0.2.1", at: now)?.count == 1)
    }

    @Test("failures outside the window do not count")
    func window() {
        let list = InMemoryBanList(policy: SSHBanPolicy(threshold: 2, window: .seconds(10)))
        let start = Date(timeIntervalSince1970: 0)
        #expect(list.recordFailure(from: "a", at: start) == nil)
        #expect(list.recordFailure(from: "a", at: start + 11) == nil)
        #expect(list.recordFailure(from: "a", at: start + 12) != nil)
    }
}
