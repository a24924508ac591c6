import Foundation
import PandaCore
import PandaExchange
import PandaStore
import PandaTesting
import Testing

/// A file that would deactivate, or end the memberships of, more than the threshold of active students is
/// held; the operator approves (applies, once) or discards it.
@Suite struct ImportThresholdTests {
    /// Ten active students K1…K10.
    func fixtureWithTenActive() throws -> ImportFixture {
        let ids = (1...10).map { "K\($0)" }
        let fixture = try ImportFixture(roster: ids)
        try fixture.upload("user.csv", ids.map { Rows.user($0) }.joined())
        try fixture.runBatch()
        return fixture
    }

    @Test func deactivatingMoreThanTheThresholdIsHeldThenApproved() throws {
        let fixture = try fixtureWithTenActive()
        defer { fixture.remove() }
        // 3 of 10 is more than 20 %.
        try fixture.upload("leavers.csv", ["K1", "K2", "K3"].map { Rows.user($0, status: "2") }.joined())
        let held = try #require(fixture.runBatch().first?.entry)
        #expect(held.status == .held)
        #expect(held.changes.deactivated == 3 && held.changes.activeStudents == 10)
        #expect(held.counts.updated == 3)
        #expect(try fixture.users().values.filter { $0.userStatus == 1 }.count == 10)
        #expect(try fixture.reports(held).summary.contains("held"))
        #expect(fixture.files("inbound").isEmpty)

        let approved = try fixture.importer.approve(account: "uni1", fileID: held.id).entry
        #expect(approved.id == held.id && approved.status == .processed && approved.decidedBy == "cli")
        #expect(try fixture.users().values.filter { $0.userStatus == 1 }.count == 7)
        #expect(try fixture.store.files.get(account: "uni1", id: held.id).status == .processed)
        #expect(try fixture.store.audit.list(account: "uni1").contains { $0.event == "file.approve" })
        // One-shot.
        #expect(throws: ImportError.self) { try fixture.importer.approve(account: "uni1", fileID: held.id) }
        #expect(throws: ImportError.self) { try fixture.importer.discard(account: "uni1", fileID: held.id) }
    }

    @Test func twoOfTenIsWithinTheThreshold() throws {
        let fixture = try fixtureWithTenActive()
        defer { fixture.remove() }
        try fixture.upload("leavers.csv", ["K1", "K2"].map { Rows.user($0, status: "3") }.joined())
        #expect(try fixture.runBatch().first?.entry.status == .processed)
        #expect(try fixture.users().values.filter { $0.userStatus == 1 }.count == 8)
    }

    @Test func endingMembershipsIsHeldThenDiscarded() throws {
        let fixture = try fixtureWithTenActive()
        defer { fixture.remove() }
        try fixture.upload("program.csv", Rows.program("P1") + Rows.program("P2"))
        try fixture.upload("pu.csv", (1...10).map { Rows.programUser("K\($0)", "P1") }.joined())
        try fixture.runBatch()
        // Five students move from P1 to P2: five students lose a membership.
        try fixture.upload("pu.csv", (1...5).map { Rows.programUser("K\($0)", "P2") }.joined())
        let held = try #require(fixture.runBatch().first?.entry)
        #expect(held.status == .held && held.changes.studentsLosingMemberships == 5)
        #expect(try fixture.store.records.memberships(account: "uni1").count == 10)

        let discarded = try fixture.importer.discard(account: "uni1", fileID: held.id).entry
        #expect(discarded.status == .discarded)
        #expect(try fixture.store.records.memberships(account: "uni1").count == 10)
        #expect(try fixture.store.audit.list(account: "uni1").contains { $0.event == "file.discard" })
        #expect(try fixture.text("results", discarded.summaryName!).contains("discarded"))
    }
}
