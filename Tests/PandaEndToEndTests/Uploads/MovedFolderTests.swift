import Foundation
import PandaTesting
import Testing

/// `panda account set --inbound-folder /upload --outbound-folder /out`: the next session sees the folders at
/// their new paths, with what they held, and uploads there are queued like uploads to `/inbound`.
@Suite("Folders moved by the operator")
struct MovedFolderTests {
    @Test func theNextSessionSeesTheNewPaths() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        try exchange.publishRoster("uni1")
        try exchange.panda("account", "set", "uni1", "--inbound-folder", "/upload", "--outbound-folder", "/out")
        let shown = try exchange.panda("account", "show", "uni1")
        #expect(shown.contains("/upload") && shown.contains("/out/students.csv"), "\(shown)")
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        let upload = try exchange.csvFile("moved.csv", tag: "moved")

        let outcome = try exchange.openSSH("uni1", key).sftp([
            "ls -1 /",
            "get /out/students.csv students-moved.csv",
            "put moved.csv /upload/moved.csv",
            "ls -1 /upload",
        ])

        #expect(outcome.succeeded, "\(outcome.stderr)")
        let root = outcome.stdout.components(separatedBy: "sftp> get").first ?? ""
        #expect(root.contains("out") && root.contains("upload") && !root.contains("inbound"), "\(root)")
        #expect(outcome.stdout.contains("/upload/moved.csv"), "\(outcome.stdout)")
        let downloaded = try String(contentsOfFile: exchange.clientDirectory + "/students-moved.csv", encoding: .utf8)
        #expect(downloaded.contains("K0000002"))
        // Stored where every upload is: the host layout does not follow the virtual paths.
        let stored = FileManager.default.contents(atPath: exchange.dataDirectory + "/accounts/uni1/inbound/moved.csv")
        #expect(stored != nil && stored == FileManager.default.contents(atPath: upload))
        #expect(try exchange.queuedUploads("uni1").map(\.name) == ["moved.csv"])

        let old = try exchange.openSSH("uni1", key).sftp(["put moved.csv /inbound/old.csv"])
        #expect(!old.succeeded)
        #expect(!FileManager.default.fileExists(atPath: exchange.dataDirectory + "/accounts/uni1/inbound/old.csv"))
    }

    @Test func aBadFolderIsRefusedByTheCommandLineAndNothingChanges() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let result = try exchange.pandaResult("account", "set", "uni1", "--inbound-folder", "/results")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("--inbound-folder and --results-folder would both be /results"), "\(result.stderr)")
        let shown = try exchange.panda("account", "show", "uni1", "--json")
        let object = try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any]
        let folders = object?["folders"] as? [String: Any]
        #expect(folders?["inbound"] as? String == "/inbound", "\(shown)")
        #expect(folders?["results"] as? String == "/results", "\(shown)")
    }
}
