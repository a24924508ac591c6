import Foundation
import PandaSSH
import Testing

@Suite("SSH channel policy: only the sftp subsystem")
struct ChannelPolicyTests {
    @Test("exec is refused")
    func execRefused() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.ssh(user: "alice", key: TestKeys.alice, remote: ["cat", "/etc/passwd"]).wait()
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(server.observer.wait { _ in server.observer.refusals.contains(.exec(command: "cat /etc/passwd")) })
    }

    @Test("a shell and a pty are refused")
    func shellAndPTYRefused() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.ssh(user: "alice", key: TestKeys.alice, options: ["-tt"]).wait()
        #expect(result.status != 0)
        #expect(
            server.observer.wait { _ in
                server.observer.refusals.contains(.pty) && server.observer.refusals.contains(.shell)
            })
    }

    @Test("subsystems other than sftp are refused")
    func otherSubsystemRefused() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.ssh(user: "alice", key: TestKeys.alice, options: ["-s"], remote: ["netconf"]).wait()
        #expect(result.status != 0)
        #expect(server.observer.wait { _ in server.observer.refusals.contains(.subsystem(name: "netconf")) })
    }

    @Test("local forwarding (direct-tcpip) is refused")
    func localForwardingRefused() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.ssh(
            user: "alice", key: TestKeys.alice, options: ["-W", "127.0.0.1:\(server.port)"]
        ).wait()
        #expect(result.status != 0)
        #expect(result.stderr.contains("stdio forwarding failed"), "\(result.stderr)")
        #expect(
            server.observer.wait { _ in
                server.observer.refusals.contains(
                    .portForwarding(kind: "direct-tcpip", host: "127.0.0.1", port: server.port))
            })
    }

    @Test("remote forwarding (tcpip-forward) is refused")
    func remoteForwardingRefused() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.ssh(
            user: "alice", key: TestKeys.alice,
            options: ["-N", "-R", "127.0.0.1:0:127.0.0.1:9", "-o", "ExitOnForwardFailure=yes"]
        ).wait()
        #expect(result.status != 0)
        #expect(result.stderr.contains("remote port forwarding failed"), "\(result.stderr)")
        #expect(
            server.observer.wait { _ in
                server.observer.refusals.contains {
                    if case .portForwarding("tcpip-forward", _, _) = $0 { true } else { false }
                }
            })
    }

    @Test("agent forwarding is refused and the session itself still works")
    func agentForwardingRefused() throws {
        let server = try TestServer(subsystem: .echo)
        defer { server.shutDown() }
        // A real agent, so that the client actually sends auth-agent-req@openssh.com.
        let socket = server.work.file("agent.sock")
        let agent = try server.spawn(["ssh-agent", "-D", "-a", socket])
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: socket) { usleep(10_000) }
        let result = try server.ssh(
            user: "alice", key: TestKeys.alice,
            options: ["-v", "-o", "ForwardAgent=yes", "-s"], remote: ["sftp"], agent: socket
        ).wait()
        _ = agent.terminate()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Requesting authentication agent forwarding"))
        // libssh answers the request with failure itself (we install no agent callback, which would grant it),
        // so no agent channel is ever opened towards the client.
        #expect(!result.stderr.contains("auth-agent@openssh.com"))
    }
}
