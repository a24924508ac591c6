import Foundation
import PandaTesting
import Testing

/// After a successful login only the `sftp` subsystem is served: no shell, command, pty, other subsystem
/// or forwarding, and each refusal is in the audit log.
@Suite("Channel refusals")
struct ChannelRefusalTests {
    @Test("a command (exec) is refused and does not run")
    func execIsRefused() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        let proof = exchange.outsideDirectory + "/exec-ran"

        let outcome = try exchange.openSSH("uni1", key).ssh([], command: ["touch \(proof); echo pwned"])

        #expect(outcome.status == 255)
        #expect(outcome.stderr.contains("exec request failed"), "\(outcome.stderr)")
        #expect(!outcome.stdout.contains("pwned"))
        #expect(!FileManager.default.fileExists(atPath: proof))
        try expectRefusal(in: exchange, requestStartingWith: "exec touch")
    }

    @Test("a shell is refused, with or without a pty")
    func shellIsRefused() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        let client = exchange.openSSH("uni1", key)

        let plain = try client.ssh(["-T"])
        let withTerminal = try client.ssh(["-tt"])

        #expect(plain.status == 255)
        #expect(plain.stderr.contains("shell request failed"), "\(plain.stderr)")
        #expect(withTerminal.status == 255)
        #expect(withTerminal.stderr.contains("PTY allocation request failed"), "\(withTerminal.stderr)")
        try expectRefusal(in: exchange, requestStartingWith: "shell")
        try expectRefusal(in: exchange, requestStartingWith: "pty")
    }

    @Test("a subsystem other than sftp is refused")
    func otherSubsystemIsRefused() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.ed25519, for: "uni1")

        let outcome = try exchange.openSSH("uni1", key).ssh(["-s"], command: ["netconf"])

        #expect(outcome.status == 255, "\(outcome.stderr)")
        try expectRefusal(in: exchange, requestStartingWith: "subsystem netconf")
    }

    @Test("local port forwarding (-L) is refused: the forwarded port closes without a byte")
    func localForwardingIsRefused() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        let localPort = try LoopbackPort.free()
        // Forward to the server's own SSH port: had it worked, its "SSH-2.0-…" banner would come through.
        let tunnel = try exchange.openSSH("uni1", key).startSSH([
            "-N", "-L", "127.0.0.1:\(localPort):127.0.0.1:\(exchange.port)",
        ])
        defer { tunnel.stop() }

        #expect(LoopbackPort.waitUntilListening(localPort), "ssh -L did not listen: \(tunnel.standardError)")
        let received = LoopbackPort.connectAndRead(port: localPort)

        #expect(received == [], "bytes came through the tunnel: \(String(decoding: received ?? [], as: UTF8.self))")
        try expectRefusal(in: exchange, requestStartingWith: "port forwarding")
    }

    @Test("remote port forwarding (-R) is refused")
    func remoteForwardingIsRefused() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.ed25519, for: "uni1")

        let outcome = try exchange.openSSH("uni1", key).ssh(
            ["-N", "-o", "ExitOnForwardFailure=yes", "-R", "127.0.0.1:0:127.0.0.1:\(exchange.port)"],
            timeout: .seconds(20))

        #expect(outcome.status == 255, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("remote port forwarding failed"), "\(outcome.stderr)")
        try expectRefusal(in: exchange, requestStartingWith: "port forwarding")
    }

    /// The audit log has a `refused` entry for uni1 whose request starts with `prefix`.
    private func expectRefusal(
        in exchange: LiveExchange, requestStartingWith prefix: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let entries = try exchange.awaitAudit("uni1") {
            $0.event == "refused" && ($0.field("request") ?? "").hasPrefix(prefix)
        }
        #expect(
            entries.events("refused").contains { ($0.field("request") ?? "").hasPrefix(prefix) },
            "refused entries: \(entries.events("refused"))", sourceLocation: sourceLocation)
        #expect(entries.filter { $0.event.hasPrefix("file.") }.isEmpty, sourceLocation: sourceLocation)
    }
}
