import Foundation
import PandaTesting
import Testing

/// `panda agent`'s command line: usage errors exit 2 with the reason before anything connects.
@Suite("panda agent command line")
struct AgentCommandTests {
    static let hostKey = "SHA256:" + String(repeating: "A", count: 43)

    @Test("bad command lines are usage errors (exit 2) that say what is wrong")
    func usageErrors() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let file = try cli.write("user.csv", "user,K1,u,,A,B,,2,1\n")
        let other = try cli.write("other.part", "user,K1,u,,A,B,,2,1\n")
        try FileManager.default.createDirectory(atPath: cli.directory.file("sub"), withIntermediateDirectories: true)
        let twin = try cli.write("sub/user.csv", "user,K1,u,,A,B,,2,1\n")
        let base = ["agent", "127.0.0.1", "--user", "uni1", "--key", "id_ed25519"]
        let cases: [([String], String)] = [
            (["agent"], "missing HOST"),
            (["agent", "127.0.0.1", "--user", "uni1", "--key", "k", "--host-key", Self.hostKey], "missing FILE"),
            (["agent", "127.0.0.1", "--key", "k", "--host-key", Self.hostKey, file], "missing --user USERNAME"),
            (["agent", "127.0.0.1", "--user", "u", "--host-key", Self.hostKey, file], "missing --key KEYFILE"),
            (base + [file], "missing --host-key SHA256:…"),
            (base + ["--host-key", "SHA256:short", file], "--host-key SHA256:short is not a SHA256 fingerprint"),
            (base + ["--host-key", Self.hostKey, "--port", "0", file], "--port takes a number from 1 to 65535"),
            (base + ["--host-key", Self.hostKey, "--wait", "soon", file], "--wait takes a number from 0 to 86400"),
            (base + ["--host-key", Self.hostKey, "--inbound", "upload", file], "--inbound takes an absolute path"),
            (base + ["--host-key", Self.hostKey, file, twin], "two files are named user.csv"),
            (base + ["--host-key", Self.hostKey, other], "other.part looks like an unfinished upload"),
            (
                base + ["--host-key", Self.hostKey, "--dry-run", "--server-check", file],
                "--dry-run uploads nothing and --server-check uploads for a check; give one of them"
            ),
            (base + ["--host-key", Self.hostKey, "--validate", "check", file], "--validate takes an absolute path"),
        ]
        for (arguments, message) in cases {
            let result = try PandaBinary.run(arguments, dataDirectory: cli.dataDirectory)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }

    @Test("a FILE that does not exist stops the run before connecting: exit 1")
    func missingFile() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let result = try cli.run(
            "agent", "127.0.0.1", "--port", "1", "--user", "uni1", "--key", "k", "--host-key", Self.hostKey,
            cli.directory.file("missing.csv"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("missing.csv: No such file or directory; nothing was uploaded"))
    }

    @Test("a server that never answers ends the run after --timeout with exit 1")
    func connectTimeout() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let listener = try SilentListener()
        defer { listener.close() }
        let file = try cli.write("user.csv", "user,K1,u,,A,B,,2,1\n")
        let key = try KeyGenerator.generate("ed25519", name: "id", in: cli.directory.path)
        let started = ContinuousClock.now
        let result = try cli.run(
            "agent", "127.0.0.1", "--port", String(listener.port), "--user", "uni1", "--key", key.privateKeyPath,
            "--host-key", Self.hostKey, "--timeout", "1", file)
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot connect to 127.0.0.1 port \(listener.port): Timeout"))
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("panda help agent explains the steps, the options and the exit statuses")
    func help() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let text = try cli.ok("help", "agent")
        for part in ["--host-key SHA256:…", "--strict", "--no-filter", "--dry-run", "NAME.part", "Exit status: 0"] {
            #expect(text.contains(part), "\(part)")
        }
    }
}
