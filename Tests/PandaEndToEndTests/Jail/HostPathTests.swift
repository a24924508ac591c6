import Foundation
import PandaTesting
import Testing

/// Absolute host paths mean nothing inside the jail: `/etc/passwd` or the data directory's real path are
/// just names that do not exist there.
@Suite("Jail: absolute host paths")
struct HostPathTests {
    @Test("host paths are missing files, for reading, listing, writing, renaming and removing")
    func hostPathsDoNotExist() throws {
        let jail = try JailedExchange()
        defer { jail.finish() }
        let data = jail.exchange.dataDirectory
        let ownStudents = jail.exchange.hostPath("uni1", "outbound", "students.csv")
        let readable = [
            "/etc/passwd", "/proc/self/environ", ownStudents, jail.secretOfUni2, jail.canary, data + "/panda.sqlite",
            data + "/host-keys/ssh_host_ed25519_key",
        ]
        var cases: [(ParamikoOperation, Int)] = readable.flatMap { path in
            [(.stat(path), SFTPStatus.noSuchFile), (.read(path), SFTPStatus.noSuchFile)]
        }
        cases += ["/etc", "/tmp", data, data + "/accounts/uni2/inbound", jail.exchange.outsideDirectory].map {
            (.list($0), SFTPStatus.noSuchFile)
        }
        cases += [
            (.write("/tmp/\(jail.escapeName)", "escaped"), SFTPStatus.noSuchFile),
            (.write(jail.canary, "overwritten"), SFTPStatus.noSuchFile),
            (.write(data + "/accounts/uni2/inbound/planted.csv", "planted"), SFTPStatus.noSuchFile),
            (.write(data + "/accounts/uni1/inbound/direct.csv", "direct"), SFTPStatus.noSuchFile),
            (.remove(jail.canary), SFTPStatus.noSuchFile),
            (.remove(jail.secretOfUni2), SFTPStatus.noSuchFile),
            (.rename(jail.canary, to: "/inbound/canary.csv"), SFTPStatus.noSuchFile),
            (.chmod(jail.canary, 0o777), SFTPStatus.noSuchFile),
        ]

        _ = try jail.expectStatuses(cases)

        #expect(jail.exchange.hostFiles("uni1", "inbound").isEmpty)
    }

    @Test("OpenSSH sftp cannot download /etc/passwd or the store")
    func openSSHCannotReadHostFiles() throws {
        let jail = try JailedExchange()
        defer { jail.finish() }

        let outcome = try jail.uni1.sftp([
            "-get /etc/passwd passwd", "-get \(jail.exchange.dataDirectory)/panda.sqlite store",
            "-get \(jail.secretOfUni2) secret",
        ])

        #expect(outcome.succeeded, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("File \"/etc/passwd\" not found"), "\(outcome.stderr)")
        for local in ["passwd", "store", "secret"] {
            #expect(!FileManager.default.fileExists(atPath: jail.exchange.clientDirectory + "/" + local))
        }
    }
}
