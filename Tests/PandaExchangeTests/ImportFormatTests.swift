import Foundation
import PandaCore
import PandaExchange
import PandaStore
import PandaTesting
import Testing

/// Each format creates, updates and leaves records unchanged, with provenance, counted per row.
@Suite struct ImportFormatTests {
    @Test func userCreateUpdateUnchanged() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.upload("user.csv", Rows.user("K1") + Rows.user("K2", email: "k2@uni.edu"))
        let first = try #require(fixture.runBatch().first?.entry)
        #expect(first.status == .processed)
        #expect(first.counts == FileCounts(read: 2, created: 2))
        try fixture.upload("user.csv", Rows.user("K1") + Rows.user("K2", last: "Byron", email: "k2@uni.edu"))
        let second = try #require(fixture.runBatch().first?.entry)
        #expect(second.counts == FileCounts(read: 2, created: 0, updated: 1, unchanged: 1))
        let users = try fixture.store.records.users(account: "uni1")
        #expect(users.map(\.record.userID) == ["K1", "K2"])
        let k2 = try #require(users.last)
        #expect(
            k2.record
                == StoredUser(
                    userID: "K2", username: "k2", firstName: "Ada", lastName: "Byron", email: "k2@uni.edu", userType: 2,
                    userStatus: 1))
        // Provenance: the file and line that last changed each record.
        #expect(k2.provenance.fileID == second.id && k2.provenance.line == 2)
        #expect(users.first?.provenance.fileID == first.id)
        #expect(k2.provenance.cycleDay == second.cycleDay)
    }

    @Test func propertyCreateUpdateUnchanged() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.upload("property.csv", Rows.property("RACE", "BL", label: "Black") + Rows.property("LEVEL", "UG"))
        #expect(try fixture.runBatch().first?.entry.counts == FileCounts(read: 2, created: 2))
        try fixture.upload(
            "property.csv",
            Rows.property("RACE", "BL", label: "Black or African American") + Rows.property("LEVEL", "UG"))
        #expect(try fixture.runBatch().first?.entry.counts == FileCounts(read: 2, updated: 1, unchanged: 1))
        let values = try fixture.store.records.propertyValues(account: "uni1").map(\.record)
        #expect(
            values == [
                StoredPropertyValue(keyID: "LEVEL", keyLabel: "Level", valueID: "UG", valueLabel: "Label"),
                StoredPropertyValue(
                    keyID: "RACE", keyLabel: "Race", valueID: "BL", valueLabel: "Black or African American"),
            ])
    }

    @Test func propertyUserCreateUpdateUnchanged() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.upload("property.csv", Rows.property("RACE", "BL") + Rows.property("RACE", "WH"))
        try fixture.upload("pu.csv", Rows.propertyUser("K1", "RACE", "BL") + Rows.propertyUser("K2", "RACE", "BL"))
        let outcomes = try fixture.runBatch()
        #expect(outcomes.last?.entry.counts == FileCounts(read: 2, created: 2))
        try fixture.upload("pu.csv", Rows.propertyUser("K1", "RACE", "WH") + Rows.propertyUser("K2", "RACE", "BL"))
        #expect(try fixture.runBatch().first?.entry.counts == FileCounts(read: 2, updated: 1, unchanged: 1))
        // One value per student per property: the new row replaced the old one.
        #expect(
            try fixture.store.records.userProperties(account: "uni1").map(\.record) == [
                StoredUserProperty(userID: "K1", keyID: "RACE", valueID: "WH"),
                StoredUserProperty(userID: "K2", keyID: "RACE", valueID: "BL"),
            ])
    }

    @Test func programCreateUpdateUnchanged() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.upload("program.csv", Rows.program("P1") + Rows.program("P2"))
        #expect(try fixture.runBatch().first?.entry.counts == FileCounts(read: 2, created: 2))
        try fixture.upload("program.csv", Rows.program("P1", title: "Business") + Rows.program("P2"))
        #expect(try fixture.runBatch().first?.entry.counts == FileCounts(read: 2, updated: 1, unchanged: 1))
        #expect(try fixture.store.records.programs(account: "uni1").first?.record.title == "Business")
    }

    @Test func programUserIsAuthoritativeForListedStudents() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        // The threshold is another test's subject: here any change may go through.
        try fixture.store.accounts.updateSettings("uni1") { $0.thresholdPercent = 100 }
        try fixture.upload("program.csv", Rows.program("P1") + Rows.program("P2") + Rows.program("P3"))
        try fixture.upload(
            "pu.csv", Rows.programUser("K1", "P1") + Rows.programUser("K1", "P2") + Rows.programUser("K2", "P1"))
        #expect(try fixture.runBatch().last?.entry.counts == FileCounts(read: 3, created: 3))
        // K1 is listed with P2 and P3 only: P1 ends, P2 is unchanged, P3 is new. K2 is not listed: kept.
        try fixture.upload("pu.csv", Rows.programUser("K1", "P2") + Rows.programUser("K1", "P3"))
        let entry = try #require(fixture.runBatch().first?.entry)
        #expect(entry.status == .processed)
        #expect(entry.counts == FileCounts(read: 2, created: 1, unchanged: 1))
        #expect(entry.changes.membershipsEnded == 1 && entry.changes.studentsLosingMemberships == 1)
        #expect(
            try fixture.store.records.memberships(account: "uni1").map(\.record) == [
                StoredMembership(userID: "K1", programID: "P2"), StoredMembership(userID: "K1", programID: "P3"),
                StoredMembership(userID: "K2", programID: "P1"),
            ])
    }

    @Test func facultyRowsAreSkippedAndRowErrorsRejectOnlyTheirRow() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.upload(
            "user.csv", Rows.user("K1", status: "10") + Rows.user("K2", type: "7") + Rows.user("K3") + Rows.user("K3"))
        let entry = try #require(fixture.runBatch().first?.entry)
        #expect(entry.status == .processedWithErrors)
        #expect(entry.counts == FileCounts(read: 4, created: 1, skipped: 1, rejected: 2))
        let errors = try fixture.store.files.errors(fileID: entry.id)
        #expect(errors.map(\.code) == ["invalid_code", "duplicate_key"])
        #expect(errors.map(\.line) == [2, 4])
        #expect(try fixture.users().keys.sorted() == ["K3"])
    }
}
