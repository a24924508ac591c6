import Foundation
import PandaTesting
import Testing

/// Files uploaded with OpenSSH `sftp` are imported in dependency order, reported in `/results`, and leave
/// exactly the expected rows in the database (read back with `sqlite3`, not only the counts).
@Suite("Import over SFTP", .serialized)
struct ImportEndToEndTests {
    static let secret = "Sup3rS3cret!x"

    @Test("a batch uploaded in reverse dependency order is imported in order and reported")
    func batchOverSFTP() throws {
        let exchange = try ImportExchange()
        defer { exchange.finish() }
        try exchange.prepare(students: (1...6).map { String(format: "K%07d", $0) })
        try exchange.clientFile(
            "programuser.csv",
            Array("programuser,\"K0000001\",\"3UAS196ABS\"\nprogramuser,\"K0000002\",\"NOPE\"\n".utf8))
        try exchange.clientFile(
            "propertyuserbyid.csv",
            Array(
                "propertyuserbyid,\"K0000001\",\"RACE\",\"BL\"\npropertyuserbyid,\"K0000005\",\"LEVEL\",\"UG\"\n".utf8))
        try exchange.clientFile(
            "user.csv",
            Array(
                ("user,\"K0000001\",\"mattiep\",\"\",\"Melinda\",\"Legette\",\"\",\"2\",\"1\"\r\n"
                    + "user,\"K0000009\",\"ghost\",\"\",\"Not\",\"Listed\",\"\",\"2\",\"1\"\r\n"
                    + "user,\"K0000005\",\"pw\",\"\(Self.secret)\",\"Pass\",\"Word\",\"pw@uni.edu\",\"2\",\"3\"\r\n")
                    .utf8))
        try exchange.clientFile("program.csv", Array("program,\"3UAS196ABS\",\"ABS\",\"Business\",\"\"\n".utf8))
        try exchange.clientFile(
            "property.csv", Array("Property,RACE,Race,BL,\"Black\"\nProperty,LEVEL,Level,UG,\"Undergraduate\"\n".utf8))
        try exchange.sftp(
            ["programuser.csv", "propertyuserbyid.csv", "user.csv", "program.csv", "property.csv"].map {
                "put \($0) /inbound/\($0)"
            })

        #expect(try exchange.await { try exchange.count("SELECT COUNT(*) FROM files WHERE finalized = 1") == 5 })
        #expect(
            try exchange.rows("SELECT name, type, status FROM files ORDER BY id") == [
                "property.csv|Property|processed", "program.csv|program|processed",
                "user.csv|user|processed_with_errors", "propertyuserbyid.csv|propertyuserbyid|processed",
                "programuser.csv|programuser|processed_with_errors",
            ])
        // Exactly the expected records, field by field.
        #expect(
            try exchange.rows(
                "SELECT user_id, username, first_name, last_name, email, user_type, user_status FROM users ORDER BY user_id"
            )
                == ["K0000001|mattiep|Melinda|Legette||2|1", "K0000005|pw|Pass|Word|pw@uni.edu|2|3"])
        #expect(
            try exchange.rows("SELECT key_id, value_id, key_label, value_label FROM property_values ORDER BY key_id")
                == ["LEVEL|UG|Level|Undergraduate", "RACE|BL|Race|Black"])
        #expect(try exchange.rows("SELECT program_id, title FROM programs") == ["3UAS196ABS|Business"])
        #expect(
            try exchange.rows("SELECT user_id, key_id, value_id FROM user_properties ORDER BY user_id")
                == ["K0000001|RACE|BL", "K0000005|LEVEL|UG"])
        #expect(try exchange.rows("SELECT user_id, program_id FROM program_members") == ["K0000001|3UAS196ABS"])
        // Provenance: each user row points at user.csv's entry and its line.
        #expect(
            try exchange.rows(
                "SELECT u.user_id, u.line FROM users u JOIN files f ON f.id = u.file_id WHERE f.name = 'user.csv' ORDER BY 1"
            )
                == ["K0000001|1", "K0000005|3"])
        #expect(try exchange.rows("SELECT DISTINCT status FROM uploads") == ["processed"])

        // The institution sees the reports, and no longer sees its uploads in /inbound.
        let listing = try exchange.sftp(["ls -1 /results", "ls -1 /inbound"])
        #expect(listing.components(separatedBy: ".summary.txt").count - 1 == 5)
        #expect(listing.components(separatedBy: ".errors.csv").count - 1 == 5)
        #expect(exchange.hostFiles("inbound").isEmpty)
        let summaryName = try #require(
            try exchange.rows("SELECT summary_name FROM files WHERE name = 'user.csv'").first)
        try exchange.sftp(["get /results/\(summaryName) user-summary.txt"])
        let summary = try String(contentsOfFile: exchange.clientDirectory + "/user-summary.txt", encoding: .utf8)
        #expect(summary.contains("not_in_roster") && summary.contains("K0000009"))
        #expect(summary.contains("user,\"K0000009\",\"ghost\""))

        // No password anywhere under the data directory.
        let enumerator = FileManager.default.enumerator(atPath: exchange.dataDirectory)
        while let relative = enumerator?.nextObject() as? String {
            guard let data = FileManager.default.contents(atPath: exchange.dataDirectory + "/" + relative) else {
                continue
            }
            #expect(data.range(of: Data(Self.secret.utf8)) == nil, "password in \(relative)")
        }
    }

    @Test("a file put in /validate is reported as a dry run and changes nothing")
    func validateFolder() throws {
        let exchange = try ImportExchange()
        defer { exchange.finish() }
        try exchange.prepare(students: ["K1", "K2"])
        try exchange.clientFile("dry.csv", Array("user,K1,a,,Ada,Lovelace,,2,1\nuser,K2,b,,Bob,Byron,,7,1\n".utf8))
        try exchange.sftp(["put dry.csv /validate/dry.csv"])
        #expect(try exchange.await { try exchange.count("SELECT COUNT(*) FROM files WHERE finalized = 1") == 1 })
        #expect(
            try exchange.rows("SELECT status, rows_created, rows_rejected FROM files") == ["dry_run|1|1"])
        #expect(try exchange.count("SELECT COUNT(*) FROM users") == 0)
        #expect(exchange.hostFiles("validate").isEmpty)
        let report = try exchange.panda("report", "uni1", "dry.csv", "--json")
        #expect(report.contains("\"dry_run\""))
    }
}
