import Foundation
import PandaTesting
import Testing

/// `panda serve` as an operator runs it: prints its listener, logs key=value lines, stops on a signal.
@Suite(.timeLimit(.minutes(1))) struct ServeLifecycleTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func printsItsListenerAndStopsCleanlyOnSignal(signal: Int32) throws {
        let dir = try TemporaryDirectory(prefix: "panda-serve")
        defer { dir.remove() }
        let server = try ChildProcess(
            PandaBinary.path, ["serve", "--data-dir", dir.file("data"), "--sftp-port", "0", "--http-port", "0"])
        let deadline = ContinuousClock.now + .seconds(30)
        while server.standardOutput.split(separator: "\n").count < 2 && server.isRunning
            && ContinuousClock.now < deadline
        {
            usleep(10_000)
        }
        // One line per listener, the admin HTTP server's first (scripts wait for the sftp line and expect both).
        let lines = server.standardOutput.split(separator: "\n").map(String.init)
        let http = lines.first?.firstMatch(of: /^http listening on 127\.0\.0\.1:(\d+)$/)
        #expect(http != nil, "unexpected first line: \(lines.first ?? "")")
        let match = lines.dropFirst().first?.firstMatch(of: /^sftp listening on 127\.0\.0\.1:(\d+)$/)
        #expect(match != nil, "unexpected second line: \(lines.dropFirst().first ?? "")")
        #expect((Int(match.map { String($0.1) } ?? "") ?? 0) > 0)

        // The signal comes right after the listener line: it must still stop the server cleanly.
        kill(server.pid, signal)
        #expect(server.waitForExit(timeout: .seconds(20)))
        let outcome = server.outcome()
        #expect(outcome.status == 0 && !outcome.killedBySignal)
        let log = outcome.stderr
        #expect(log.contains("event=ready"))
        #expect(log.contains("event=shutdown.done"))
        for logLine in log.split(separator: "\n") {
            #expect(logLine.hasPrefix("ts=") && logLine.contains(" level=") && logLine.contains(" event="))
        }
        // Host keys were generated with owner-only permissions.
        let keys = try FileManager.default.contentsOfDirectory(atPath: dir.file("data/host-keys"))
        let privateKeys = keys.filter { !$0.hasSuffix(".pub") }
        #expect(privateKeys.count == 3)
        for key in privateKeys {
            let mode =
                try FileManager.default.attributesOfItem(atPath: dir.file("data/host-keys/\(key)"))[
                    .posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test func refusesABusyPortWithAMessage() throws {
        let dir = try TemporaryDirectory(prefix: "panda-serve")
        defer { dir.remove() }
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        listen(listener, 1)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let result = try PandaBinary.run(["serve", "--sftp-port", String(port)], dataDirectory: dir.file("data"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(port)"))
    }
}
