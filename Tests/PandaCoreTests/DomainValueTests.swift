import Foundation
import PandaCore
import Testing

@Suite struct InstitutionIDTests {
    @Test(arguments: ["uni1", "a", "state-college_2", "9lives"])
    func accepts(_ text: String) throws {
        #expect(try InstitutionID(text).rawValue == text)
    }

    @Test(arguments: ["", "Uni1", "uni 1", "-uni", "uni1-test", "uni/1", String(repeating: "a", count: 33)])
    func refuses(_ text: String) {
        #expect(throws: DomainError.self) { try InstitutionID(text) }
    }

    @Test func environmentUsernames() throws {
        let id = try InstitutionID("uni1")
        #expect(Environment.production.username(for: id) == "uni1")
        #expect(Environment.test.username(for: id) == "uni1-test")
        #expect(try Environment.parseList("production,test") == [.test, .production])
        #expect(throws: DomainError.invalidEnvironment("staging")) { try Environment.parseList("test,staging") }
    }
}

@Suite struct ScheduleValueTests {
    @Test func timeOfDay() throws {
        #expect(try TimeOfDay(parsing: "05:00").description == "05:00")
        #expect(try TimeOfDay(parsing: "7:30").description == "07:30")
        for bad in ["24:00", "12:60", "noon", "12", "12:5", ""] {
            #expect(throws: DomainError.invalidTimeOfDay(bad)) { try TimeOfDay(parsing: bad) }
        }
    }

    @Test func weekdays() throws {
        #expect(try Weekday.parseList("fri,mon,Tue") == [.monday, .tuesday, .friday])
        #expect(try Weekday.parseList("sunday,saturday") == [.saturday, .sunday])
        #expect(throws: DomainError.self) { try Weekday.parseList("mon,funday") }
    }

    @Test func byteCounts() throws {
        #expect(try ByteCount(parsing: "2GiB").bytes == 2 << 30)
        #expect(try ByteCount(parsing: "500MiB").bytes == 500 << 20)
        #expect(try ByteCount(parsing: "10MB").bytes == 10_000_000)
        #expect(try ByteCount(parsing: "1234").bytes == 1234)
        #expect(ByteCount(2 << 30).description == "2.0 GiB")
        for bad in ["-1", "lots", "9999999999999GiB", "1.5GiB"] {
            #expect(throws: DomainError.self) { try ByteCount(parsing: bad) }
        }
    }

    @Test func timeZones() throws {
        #expect(try Institution.validateTimeZone("America/Chicago") == "America/Chicago")
        #expect(throws: DomainError.invalidTimeZone("Mars/Olympus")) {
            try Institution.validateTimeZone("Mars/Olympus")
        }
    }

    @Test func theMachinesZoneIsTheDefaultWhenItIsARegionOrPlainUTC() throws {
        #expect(try Institution.defaultTimeZone(current: TimeZone(identifier: "Europe/London")!) == "Europe/London")
        // What a machine with TZ=GMT, or without /etc/localtime, reports.
        for name in ["GMT", "UCT", "Universal", "Zulu", "UTC"] {
            #expect(try Institution.defaultTimeZone(current: TimeZone(identifier: name)!) == "UTC", "\(name)")
        }
        #expect(throws: DomainError.machineTimeZoneNotARegion("EST5EDT")) {
            try Institution.defaultTimeZone(current: TimeZone(identifier: "EST5EDT")!)
        }
        let fixed = TimeZone(secondsFromGMT: 7200)!
        #expect(throws: DomainError.machineTimeZoneNotARegion(fixed.identifier)) {
            try Institution.defaultTimeZone(current: fixed)
        }
    }
}

@Suite struct CIDRTests {
    @Test func ipv4Networks() throws {
        let net = try CIDR(parsing: "192.0.2.77/24")
        #expect(net.description == "192.0.2.0/24")
        #expect(net.contains("192.0.2.1"))
        #expect(!net.contains("192.0.3.1"))
        #expect(net.contains("::ffff:192.0.2.9"))
        #expect(!net.contains("not-an-address"))
    }

    @Test func ipv6AndSingleAddresses() throws {
        let net = try CIDR(parsing: "2001:db8::/32")
        #expect(net.contains("2001:db8:1::5"))
        #expect(!net.contains("2001:db9::1"))
        let one = try CIDR(parsing: "127.0.0.1")
        #expect(one.description == "127.0.0.1")
        #expect(one.contains("127.0.0.1") && !one.contains("127.0.0.2"))
    }

    @Test(arguments: ["192.0.2.0/33", "300.1.1.1", "example.com", "10.0.0.0/", "::1/129", ""])
    func refuses(_ text: String) {
        #expect(throws: DomainError.self) { try CIDR(parsing: text) }
    }
}

@Suite struct ContactTests {
    @Test func parsesBothForms() throws {
        #expect(try Contact.parse("ada@uni.edu") == Contact(email: "ada@uni.edu"))
        #expect(try Contact.parse("Ada Lovelace <ada@uni.edu>") == Contact(name: "Ada Lovelace", email: "ada@uni.edu"))
    }

    @Test(arguments: ["ada", "ada@", "@uni.edu", "ada@uni", "a da@uni.edu", "ada@uni..edu"])
    func refusesBadAddresses(_ text: String) {
        #expect(throws: DomainError.invalidEmail(text)) { try Contact.parse(text) }
    }
}
