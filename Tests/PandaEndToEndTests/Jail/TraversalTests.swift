import Foundation
import PandaTesting
import Testing

/// `..` in every path-taking request stays inside the account's tree: `..` above `/` is `/`, as in a chroot.
@Suite("Jail: .. traversal")
struct TraversalTests {
    @Test("OpenSSH sftp: .. in get, put, ls, rename, rm, mkdir, rmdir, chmod, symlink reaches nothing outside")
    func dotDotWithOpenSSHSFTP() throws {
        let jail = try JailedExchange()
        defer { jail.finish() }
        let probe = try jail.exchange.csvFile("probe.csv", tag: "probe")
        let up = "../../../../../../.."
        let escape = "\(up)/tmp/\(jail.escapeName)"

        let outcome = try jail.uni1.sftp([
            "put \(probe) /inbound/probe.csv",
            "-get \(up)/etc/passwd passwd-1",
            "-get /inbound/\(up)/etc/passwd passwd-2",
            "-get /inbound/../../uni2/inbound/secret.csv secret-1",
            "-get \(up)\(jail.secretOfUni2) secret-2",
            "-put \(probe) \(escape)",
            "-put \(probe) /inbound/\(up)\(jail.exchange.outsideDirectory)/escape.csv",
            "-put \(probe) /inbound/../../uni2/inbound/planted.csv",
            "-rename /inbound/probe.csv \(escape)-renamed",
            "-rename \(up)\(jail.canary) /inbound/canary.csv",
            "-rm \(up)\(jail.canary)",
            "-rm /inbound/\(up)\(jail.secretOfUni2)",
            "-mkdir \(escape)-dir",
            "-rmdir \(up)\(jail.exchange.outsideDirectory)",
            "-chmod 777 \(up)\(jail.canary)",
            "-symlink \(up)/etc/passwd /inbound/passwd.csv",
            "ls -1a \(up)",
            "ls -1a /inbound/\(up)/tmp/..",
        ])

        #expect(outcome.succeeded, "\(outcome.stderr)")
        for local in ["passwd-1", "passwd-2", "secret-1", "secret-2"] {
            #expect(!FileManager.default.fileExists(atPath: jail.exchange.clientDirectory + "/" + local), "\(local)")
        }
        #expect(jail.exchange.hostFiles("uni1", "inbound") == ["probe.csv"])
        // Both listings of "above the root" show the account's own top level and nothing of the host.
        let listed = Set(outcome.stdout.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("sftp>") })
        let names = Set(listed.map { $0.split(separator: "/").last.map(String.init) ?? "" })
        #expect(names.isSubset(of: ["inbound", "outbound", "results", "validate", ".", ".."]), "\(listed)")
        #expect(!listed.contains { $0.contains("etc") || $0.contains("accounts") || $0.contains("uni2") }, "\(listed)")
    }

    @Test("paramiko: each request with .. gets the status of the path it resolves to inside the jail")
    func dotDotWithExactStatuses() throws {
        let jail = try JailedExchange()
        defer { jail.finish() }
        let probe = try jail.exchange.csvFile("probe.csv", tag: "probe")
        let up = "/inbound/../../../../.."
        let canary = up + jail.canary
        let secret = up + jail.secretOfUni2

        let report = try jail.expectStatuses([
            (.put(probe, to: "/inbound/probe.csv"), SFTPStatus.ok),
            (.stat("\(up)/etc/passwd"), SFTPStatus.noSuchFile),
            (.lstat("../../../etc/passwd"), SFTPStatus.noSuchFile),
            (.read("\(up)/etc/passwd"), SFTPStatus.noSuchFile),
            (.read(secret), SFTPStatus.noSuchFile),
            (.list("\(up)/etc"), SFTPStatus.noSuchFile),
            (.list("\(up)/.."), SFTPStatus.ok),
            (.realpath("\(up)/.."), SFTPStatus.ok),
            (.write("\(up)/tmp/\(jail.escapeName)", "escaped"), SFTPStatus.noSuchFile),
            (.write(canary, "overwritten"), SFTPStatus.noSuchFile),
            (.write(canary, "appended", mode: "ab"), SFTPStatus.noSuchFile),
            (.write("/inbound/../outbound/planted.csv", "planted"), SFTPStatus.permissionDenied),
            (.rename("/inbound/probe.csv", to: "\(up)/tmp/\(jail.escapeName)"), SFTPStatus.noSuchFile),
            (.posixRename("/inbound/probe.csv", to: canary), SFTPStatus.noSuchFile),
            (.rename(canary, to: "/inbound/canary.csv"), SFTPStatus.noSuchFile),
            (.remove(canary), SFTPStatus.noSuchFile),
            (.remove(secret), SFTPStatus.noSuchFile),
            (.mkdir("\(up)/tmp/\(jail.escapeName)"), SFTPStatus.noSuchFile),
            (.rmdir("\(up)\(jail.exchange.outsideDirectory)"), SFTPStatus.noSuchFile),
            (.mkdir("/inbound/../inbound/folder"), SFTPStatus.permissionDenied),
            (.chmod(canary, 0o777), SFTPStatus.noSuchFile),
            (.readlink(canary), SFTPStatus.operationUnsupported),
            (.stat("/outbound/../../outbound/students.csv"), SFTPStatus.ok),
            (.read("/outbound/archive/../../../outbound/students.csv"), SFTPStatus.ok),
        ])

        guard report.results.count == 24 else { return }
        #expect(report.results[6].names == ["inbound", "outbound", "results", "validate"])
        #expect(report.results[7].text == "/")
        let published = jail.exchange.bytes(jail.exchange.hostPath("uni1", "outbound", "students.csv"))
        #expect(report.results[23].text.map { Array($0.utf8) } == published, "read through .. is the jail's file")
        #expect(jail.exchange.hostFiles("uni1", "inbound") == ["probe.csv"])
    }
}
