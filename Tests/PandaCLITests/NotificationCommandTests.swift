import Foundation
import PandaTesting
import Testing

@Suite("Notification options and history")
struct NotificationCommandTests {
    @Test("serve refuses a malformed --smtp-url or --mail-from with a usage error before starting")
    func serveValidatesMailOptions() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let cases: [([String], String)] = [
            (["--smtp-url", "http://mail.example.org:25"], "use smtp or smtps"),
            (["--smtp-url", "smtp://mail.example.org"], "the port is missing"),
            (["--smtp-url", "smtps://user:hunter2@:465"], "the host is missing"),
            (["--smtp-url", "smtp://mail.example.org:25", "--mail-from", "panda"], "is not an e-mail address"),
            (["--mail-from", "panda@operator.example"], "--mail-from needs --smtp-url"),
        ]
        for (options, message) in cases {
            let result = try PandaBinary.run(["serve", "--sftp-port", "0"] + options, dataDirectory: cli.dataDirectory)
            #expect(result.status == 2, "\(options): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(options): \(result.stderr)")
            #expect(!result.stderr.contains("hunter2"))
        }
    }

    @Test("notifications lists nothing yet, refuses an unknown account, and is in the help")
    func emptyHistory() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "University One")
        #expect(try cli.ok("notifications").contains("no notifications"))
        #expect(try cli.json("notifications", "uni1") as? [Any] != nil)
        #expect(try cli.run("notifications", "uni9").status == 1)
        #expect(try cli.ok("help").contains("  notifications "))
    }
}
