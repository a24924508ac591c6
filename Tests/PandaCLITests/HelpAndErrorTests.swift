import Foundation
import PandaTesting
import Testing

@Suite struct HelpAndErrorTests {
    @Test func helpDescribesEveryCommand() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let overview = try cli.ok("help")
        for command in [
            "serve", "institution add", "institution list", "account show", "account set", "key add", "key list",
            "key revoke", "roster add", "roster remove", "roster import", "audit",
        ] {
            #expect(overview.contains("  \(command) "), "help does not list \(command)")
            let words = command.split(separator: " ").map(String.init)
            let detail = try PandaBinary.run(["help"] + words, dataDirectory: cli.dataDirectory)
            #expect(detail.status == 0)
            #expect(detail.stdout.hasPrefix("usage: panda \(command)"))
        }
        #expect(try cli.ok("key", "add", "--help").contains("ssh-keygen -lf"))
    }

    @Test func unknownCommandIsAUsageError() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let result = try cli.run("frobnicate")
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown command \"frobnicate\""))
        #expect(result.stderr.contains("usage: panda"))
        #expect(try cli.run().status == 2)
    }

    @Test func unknownOptionAndMissingArgumentsAreUsageErrors() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let badOption = try cli.run("institution", "list", "--colour")
        #expect(badOption.status == 2)
        #expect(badOption.stderr.contains("unknown option --colour"))
        #expect(badOption.stderr.contains("usage: panda institution list"))
        let missing = try cli.run("key", "add", "uni1")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing FILE.pub"))
        let noValue = try cli.run("institution", "add", "uni1", "--name")
        #expect(noValue.status == 2)
        #expect(try cli.run("institution", "add", "uni1").stderr.contains("missing --name"))
    }

    @Test func userErrorsExitOneAndSayWhatToDo() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let unknown = try cli.run("account", "show", "uni9")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("account uni9 does not exist; see `panda institution list`"))
        let badID = try cli.run("institution", "add", "Uni 9", "--name", "x")
        #expect(badID.status == 1)
        #expect(badID.stderr.contains("invalid institution id"))
        let badZone = try cli.run("institution", "add", "uni9", "--name", "x", "--timezone", "Moon/Base")
        #expect(badZone.status == 1)
        #expect(badZone.stderr.contains("IANA"))
        // Nothing was half-created by the refused commands.
        #expect(try cli.ok("institution", "list").contains("no institutions yet"))
    }
}
