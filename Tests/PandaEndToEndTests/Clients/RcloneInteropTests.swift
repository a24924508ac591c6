import Foundation
import PandaTesting
import Testing

/// `rclone` with its sftp backend (`shell_type=none`).
@Suite("rclone sftp")
struct RcloneInteropTests {
    @Test("rclone gets students.csv, uploads, lists and renames")
    func rcloneRoundTrip() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        try exchange.publishRoster("uni1")
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        let upload = try exchange.csvFile("rclone.csv", tag: "rclone")
        let rclone = RcloneClient(login: exchange.login("uni1", key))
        let downloaded = exchange.clientDirectory + "/students-rclone.csv"

        let get = try rclone.run("copyto", [rclone.remote("/outbound/students.csv"), downloaded])
        let put = try rclone.run("copyto", [upload, rclone.remote("/inbound/rclone.csv")])
        let before = try rclone.run("lsf", [rclone.remote("/inbound")])
        let move = try rclone.run(
            "moveto", [rclone.remote("/inbound/rclone.csv"), rclone.remote("/inbound/rclone-final.csv")])
        let after = try rclone.run("lsf", [rclone.remote("/inbound")])

        for outcome in [get, put, before, move, after] { #expect(outcome.succeeded, "\(outcome.stderr)") }
        #expect(before.stdout.split(separator: "\n") == ["rclone.csv"], "\(before.stdout)")
        #expect(after.stdout.split(separator: "\n") == ["rclone-final.csv"], "\(after.stdout)")
        try RoundTrip(
            exchange: exchange, account: "uni1", key: key, downloaded: downloaded, uploaded: upload,
            uploadName: "rclone.csv", finalName: "rclone-final.csv"
        ).verify()
    }
}
