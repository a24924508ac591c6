import Foundation
import PandaTesting
import Testing

/// `/`, `/outbound` (with its archive) and `/results` are read-only; `/validate` is write-only.
@Suite("Jail: read-only folders")
struct ReadOnlyFolderTests {
    @Test("writes, renames, removals and folder changes in read-only places are permission denied")
    func readOnlyFoldersRefuseChanges() throws {
        let jail = try JailedExchange()
        defer { jail.finish() }
        let exchange = jail.exchange
        let probe = try exchange.csvFile("probe.csv", tag: "probe")
        let archive = try #require(exchange.hostFiles("uni1", "archive").first)
        let before = TreeSnapshot(of: exchange.dataDirectory + "/accounts/uni1", excluding: ["inbound", "spool"])

        _ = try jail.expectStatuses([
            (.put(probe, to: "/inbound/probe.csv"), SFTPStatus.ok),
            (.write("/outbound/students.csv", "student,\"X\"\n"), SFTPStatus.permissionDenied),
            (.write("/outbound/students.csv", "student,\"X\"\n", mode: "ab"), SFTPStatus.permissionDenied),
            (.write("/outbound/new.csv", "new"), SFTPStatus.permissionDenied),
            (.write("/outbound/archive/new.csv", "new"), SFTPStatus.permissionDenied),
            (.write("/outbound/archive/\(archive)", "new"), SFTPStatus.permissionDenied),
            (.write("/results/report.csv", "forged"), SFTPStatus.permissionDenied),
            (.write("/inbound", "a folder"), SFTPStatus.permissionDenied),
            (.write("/top.csv", "top level"), SFTPStatus.noSuchFile),
            (.rename("/outbound/students.csv", to: "/inbound/students.csv"), SFTPStatus.permissionDenied),
            (.rename("/inbound/probe.csv", to: "/outbound/probe.csv"), SFTPStatus.permissionDenied),
            (.rename("/inbound/probe.csv", to: "/results/probe.csv"), SFTPStatus.permissionDenied),
            (.rename("/outbound", to: "/inbound/outbound"), SFTPStatus.permissionDenied),
            (.remove("/outbound/students.csv"), SFTPStatus.permissionDenied),
            (.remove("/outbound/archive/\(archive)"), SFTPStatus.permissionDenied),
            (.chmod("/outbound/students.csv", 0o777), SFTPStatus.permissionDenied),
            (.mkdir("/outbound/new"), SFTPStatus.permissionDenied),
            // Nothing can be created at the top level either; a name there is simply not in the tree.
            (.mkdir("/new"), SFTPStatus.noSuchFile),
            (.rmdir("/results"), SFTPStatus.permissionDenied),
            (.rmdir("/outbound/archive"), SFTPStatus.permissionDenied),
            (.write("/validate/check.csv", "validate me"), SFTPStatus.ok),
            (.read("/validate/check.csv"), SFTPStatus.permissionDenied),
        ])

        let after = TreeSnapshot(
            of: exchange.dataDirectory + "/accounts/uni1", excluding: ["inbound", "spool", "validate"])
        #expect(after.changes(since: before).filter { !$0.hasPrefix("validate") } == [])
        #expect(exchange.hostFiles("uni1", "inbound") == ["probe.csv"])
        #expect(exchange.hostFiles("uni1", "validate") == ["check.csv"])
    }

    @Test("OpenSSH sftp reports Permission denied for writes to /outbound, /results and /")
    func openSSHSeesPermissionDenied() throws {
        let jail = try JailedExchange()
        defer { jail.finish() }
        let probe = try jail.exchange.csvFile("probe.csv", tag: "probe")

        let outcome = try jail.uni1.sftp([
            "-put \(probe) /outbound/students.csv", "-put \(probe) /results/probe.csv", "-rm /outbound/students.csv",
            "-mkdir /inbound/folder",
        ])

        #expect(outcome.succeeded, "\(outcome.stderr)")
        let denials = outcome.stderr.split(whereSeparator: \.isNewline).filter { $0.contains("Permission denied") }
        #expect(denials.count == 4, "\(outcome.stderr)")
        #expect(jail.exchange.hostFiles("uni1", "inbound").isEmpty)
    }
}
