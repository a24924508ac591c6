import Foundation
import PandaCore
import PandaExchange
import PandaStore
import PandaTesting
import Testing

/// `account set --inbound-folder …`: where an account's folders appear in its SFTP tree.
@Suite struct FolderLayoutChangeTests {
    final class Fixture {
        let directory: TemporaryDirectory
        let store: Store

        init() throws {
            directory = try TemporaryDirectory(prefix: "panda-folders")
            store = try Store.open(dataDirectory: directory.path)
            _ = try store.institutions.add(
                id: try InstitutionID("uni1"), name: "University One", timeZone: "UTC", contacts: [],
                environments: [.production])
        }

        deinit { directory.remove() }

        func change(_ changes: [(String, String)]) throws -> (Account, [String]) {
            try OperatorActions(store: store, actor: "test").changeSettings(
                account: "uni1", changes.map { (name: $0.0, text: $0.1) })
        }
    }

    @Test func foldersMoveAndAreStoredNormalised() throws {
        let fixture = try Fixture()
        let (account, changed) = try fixture.change([
            ("inbound-folder", "/upload/"), ("results-folder", "//reports//daily"), ("outbound-folder", "/out"),
            ("archive-folder", "/out/earlier"),
        ])
        #expect(changed == ["inbound-folder", "results-folder", "outbound-folder", "archive-folder"])
        let expected = FolderLayout(
            outbound: "/out", archive: "/out/earlier", inbound: "/upload", validate: "/validate",
            results: "/reports/daily")
        #expect(account.folders == expected)
        #expect(try fixture.store.accounts.get("uni1").folders == expected)
        #expect(try fixture.store.accounts.get("uni1").folders.studentsFile == "/out/students.csv")
        let audit = try fixture.store.audit.list(limit: 10)
        #expect(audit.contains { $0.event == "account.set" && $0.detail.contains("inbound-folder") })
    }

    @Test func aDashRestoresTheDefault() throws {
        let fixture = try Fixture()
        _ = try fixture.change([("inbound-folder", "/upload")])
        let (account, _) = try fixture.change([("inbound-folder", "-")])
        #expect(account.folders == .standard)
    }

    @Test(
        "each bad folder path is refused with what to fix, and nothing is stored",
        arguments: [
            ("upload", "must start with /"),
            ("/", "cannot be / itself"),
            ("///", "cannot be / itself"),
            ("/a/../b", "must not contain . or .."),
            ("/./upload", "must not contain . or .."),
            ("/up\u{1}load", "control characters"),
            ("/" + String(repeating: "a", count: 300), "longer than 255 bytes"),
            ("/validate", "--inbound-folder and --validate-folder would both be /validate"),
            ("/outbound", "--outbound-folder and --inbound-folder would both be /outbound"),
            ("/results/x", nil),
        ] as [(String, String?)])
    func badPaths(text: String, message: String?) throws {
        let fixture = try Fixture()
        do {
            // A valid change beside it must not be stored either.
            _ = try fixture.change([("threshold", "50"), ("inbound-folder", text)])
            #expect(message == nil, "accepted \(text)")
        } catch {
            let text = "\(error)"
            #expect(message.map { text.contains($0) } == true, "\(text)")
            #expect(try fixture.store.accounts.get("uni1").settings.thresholdPercent == 20)
            #expect(try fixture.store.accounts.get("uni1").folders == .standard)
        }
    }

    @Test func noFolderMayLieInsideAFolderInstitutionsWriteTo() throws {
        let fixture = try Fixture()
        for (option, path, writable) in [
            ("results-folder", "/inbound/results", "/inbound"), ("archive-folder", "/validate/old", "/validate"),
        ] {
            #expect {
                _ = try fixture.change([(option, path)])
            } throws: { error in
                "\(error)" == "--\(option) \(path) lies inside \(writable), where institutions upload files;"
                    + " choose a path outside it"
            }
        }
        // Inside the read-only outbound folder is fine (the archive lives there by default).
        let (account, _) = try fixture.change([("results-folder", "/outbound/results")])
        #expect(account.folders.results == "/outbound/results")
        #expect(try fixture.store.accounts.get("uni1").folders.inbound == "/inbound")
    }

    @Test func theDeadlineRuleStillHoldsBesideFolderChanges() throws {
        let fixture = try Fixture()
        #expect(throws: DomainError.self) {
            _ = try fixture.change([("inbound-folder", "/upload"), ("deadline", "04:00")])
        }
        #expect(try fixture.store.accounts.get("uni1").folders == .standard)
    }
}
