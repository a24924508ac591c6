import Foundation
import PandaTesting
import Testing

/// Another account's files are unreachable, and the answer is the same as for a file that does not exist,
/// so an attacker cannot even learn that they are there.
@Suite("Jail: other accounts")
struct OtherAccountTests {
    @Test("uni2's upload is unreachable by any path, indistinguishable from a missing file")
    func otherAccountIsIndistinguishableFromMissing() throws {
        let jail = try JailedExchange()
        defer { jail.finish() }
        let guesses = [
            "/../uni2/inbound/secret.csv", "/uni2/inbound/secret.csv", "/accounts/uni2/inbound/secret.csv",
            "../../accounts/uni2/inbound/secret.csv", "/inbound/../../uni2/inbound/secret.csv",
            "/inbound/secret.csv", jail.secretOfUni2,
        ]
        let missing = "/inbound/never-uploaded.csv"
        var operations: [ParamikoOperation] = []
        for path in guesses + [missing] {
            operations += [.stat(path), .read(path), .remove(path), .rename(path, to: "/inbound/taken.csv")]
        }

        let report = try ParamikoClient().run(jail.uni1Login, operations: operations)

        #expect(report.authenticated)
        #expect(report.results.count == operations.count)
        let answers = stride(from: 0, to: report.results.count, by: 4).map { start in
            report.results[start..<min(start + 4, report.results.count)].map { "\($0.status) \($0.message)" }
        }
        let reference = try #require(answers.last)
        #expect(reference.allSatisfy { $0.hasPrefix("\(SFTPStatus.noSuchFile) ") }, "\(reference)")
        for (path, answer) in zip(guesses, answers) {
            #expect(answer == reference, "\(path) answers differently from a missing file: \(answer)")
        }
        let listings = try jail.expectStatuses([
            (.list("/uni2"), SFTPStatus.noSuchFile), (.list("/../uni2/inbound"), SFTPStatus.noSuchFile),
            (.write("/../uni2/inbound/planted.csv", "planted"), SFTPStatus.noSuchFile),
            (.list("/inbound"), SFTPStatus.ok),
        ])
        #expect(listings.results.last?.names == [])
    }

    @Test("the same institution's test account cannot see the production account's files")
    func testAccountIsSeparate() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let production = try exchange.registeredKey(.ed25519, for: "uni1")
        let test = try exchange.registeredKey(.ed25519, for: "uni1-test", name: "test-key")
        let upload = try exchange.csvFile("production.csv", tag: "production")
        let stored = try exchange.openSSH("uni1", production).sftp(["put \(upload) /inbound/production.csv"])
        #expect(stored.succeeded, "\(stored.stderr)")

        let report = try ParamikoClient().run(
            exchange.login("uni1-test", test),
            operations: [.list("/inbound"), .read("/inbound/production.csv"), .read("/../uni1/inbound/production.csv")])

        #expect(report.results.map(\.status) == [SFTPStatus.ok, SFTPStatus.noSuchFile, SFTPStatus.noSuchFile])
        #expect(report.results.first?.names == [])
        #expect(exchange.hostFiles("uni1", "inbound") == ["production.csv"])
        #expect(exchange.hostFiles("uni1-test", "inbound").isEmpty)
    }
}
