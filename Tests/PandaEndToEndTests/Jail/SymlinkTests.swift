import Foundation
import PandaTesting
import Testing

/// No symbolic link can be made, and none is followed, even one planted on the host.
@Suite("Jail: symbolic links")
struct SymlinkTests {
    @Test("symlink, ln -s and ln (hard link) are refused and create nothing")
    func linksCannotBeCreated() throws {
        let jail = try JailedExchange()
        defer { jail.finish() }
        let probe = try jail.exchange.csvFile("probe.csv", tag: "probe")

        let openSSH = try jail.uni1.sftp([
            "put \(probe) /inbound/probe.csv",
            "-symlink /etc/passwd /inbound/passwd.csv",
            "-ln -s \(jail.canary) /inbound/canary.csv",
            "-ln /inbound/probe.csv /inbound/hard.csv",
        ])
        _ = try jail.expectStatuses([
            (.symlink("/inbound/link.csv", pointingAt: "/etc/passwd"), SFTPStatus.operationUnsupported),
            (.symlink("/inbound/up.csv", pointingAt: "../../.."), SFTPStatus.operationUnsupported),
            (.symlink("/inbound/secret.csv", pointingAt: jail.secretOfUni2), SFTPStatus.operationUnsupported),
            (.hardlink("/inbound/probe.csv", to: "/inbound/hard2.csv"), SFTPStatus.operationUnsupported),
            (.readlink("/inbound/probe.csv"), SFTPStatus.operationUnsupported),
        ])

        #expect(openSSH.succeeded, "\(openSSH.stderr)")
        #expect(jail.exchange.hostFiles("uni1", "inbound") == ["probe.csv"])
        let kinds = try FileManager.default.attributesOfItem(
            atPath: jail.exchange.hostPath("uni1", "inbound", "probe.csv"))
        #expect(kinds[.type] as? FileAttributeType == .typeRegular)
    }

    @Test("a symbolic link planted on the host in the account's folder is neither listed nor followed")
    func plantedLinkIsNotFollowed() throws {
        let jail = try JailedExchange()
        defer { jail.finish() }
        let inbound = jail.exchange.hostPath("uni1", "inbound")
        try FileManager.default.createSymbolicLink(atPath: inbound + "/canary.csv", withDestinationPath: jail.canary)
        try FileManager.default.createSymbolicLink(atPath: inbound + "/passwd.csv", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(
            atPath: inbound + "/uni2", withDestinationPath: jail.exchange.hostPath("uni2", "inbound"))

        let report = try jail.expectStatuses([
            (.list("/inbound"), SFTPStatus.ok),
            (.read("/inbound/passwd.csv"), SFTPStatus.noSuchFile),
            (.read("/inbound/canary.csv"), SFTPStatus.noSuchFile),
            (.stat("/inbound/canary.csv"), SFTPStatus.noSuchFile),
            (.list("/inbound/uni2"), SFTPStatus.noSuchFile),
            (.read("/inbound/uni2/secret.csv"), SFTPStatus.noSuchFile),
            (.write("/inbound/canary.csv", "through the link", mode: "ab"), SFTPStatus.ok),
        ])

        guard report.results.count == 7 else { return }
        #expect(report.results[0].names == [], "planted links are listed: \(report.results[0].names ?? [])")
        // Appending to the planted name wrote a new upload in its place; the link's target is untouched
        // (finish() checks the canary's bytes and time).
        let replaced = try FileManager.default.attributesOfItem(atPath: inbound + "/canary.csv")
        #expect(replaced[.type] as? FileAttributeType == .typeRegular)
        #expect(jail.exchange.bytes(inbound + "/canary.csv") == Array("through the link".utf8))
    }
}
