import Foundation
import PandaTesting
import Testing

/// `panda serve` as an operator runs it: prints its listener, logs key=value lines, stops on a signal.
@Suite(.timeLimit(.minutes(1))) struct ServeLifecycleTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func printsItsListenerAndStopsCleanlyOnSignal(signal: Int32) throws {
        let dir = try TemporaryDirectory(prefix: "panda-serve")
        defer { dir.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PandaBinary.path)
        process.arguments = ["serve", "--data-dir", dir.file("data"), "--sftp-port", "0"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let line = String(decoding: out.fileHandleForReading.availableLine(), as: UTF8.self)
        let match = line.firstMatch(of: /^sftp listening on 127\.0\.0\.1:(\d+)$/)
        #expect(match != nil, "unexpected first line: \(line)")
        let port = Int(match.map { String($0.1) } ?? "") ?? 0
        #expect(port > 0)

        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("event=ready"))
        #expect(log.contains("event=shutdown.done"))
        for logLine in log.split(separator: "\n") {
            #expect(logLine.hasPrefix("ts=") && logLine.contains(" level=") && logLine.contains(" event="))
        }
        // Host keys were generated with owner-only permissions, and `account show` can print them.
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

extension FileHandle {
    /// Reads up to the first newline (without it); blocks until a line or end of file.
    func availableLine() -> Data {
        var line = Data()
        while true {
            let byte = readData(ofLength: 1)
            if byte.isEmpty || byte.first == UInt8(ascii: "\n") { return line }
            line.append(byte)
        }
    }
}
