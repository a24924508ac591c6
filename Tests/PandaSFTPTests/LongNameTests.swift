import Testing

@testable import PandaSFTP

@Suite struct LongNameTests {
    @Test(arguments: [
        (UInt32(0o100644), "-rw-r--r--"), (0o040755, "drwxr-xr-x"), (0o104755, "-rwsr-xr-x"), (0o102644, "-rw-r-Sr--"),
        (0o041777, "drwxrwxrwt"), (0o041776, "drwxrwxrwT"), (0o120777, "lrwxrwxrwx"), (0o000000, "?---------"),
    ])
    func modeStrings(permissions: UInt32, expected: String) {
        #expect(SFTPLongName.mode(permissions) == expected)
    }

    @Test func datesShowTheTimeForHalfAYearThenTheYear() {
        let now: Int64 = 1_767_225_600  // 2026-01-01 00:00:00 UTC
        #expect(SFTPLongName.date(now, now: now) == "Jan  1 00:00")
        #expect(SFTPLongName.date(1_754_006_400, now: now) == "Aug  1 00:00")  // 153 days before
        #expect(SFTPLongName.date(1_751_328_000, now: now) == "Jul  1  2025")  // 184 days before
        #expect(SFTPLongName.date(1_735_689_600, now: now) == "Jan  1  2025")
        #expect(SFTPLongName.date(now + 60, now: now) == "Jan  1  2026")  // the future shows the year, like ls
        #expect(SFTPLongName.date(951_782_400, now: now) == "Feb 29  2000")
        #expect(SFTPLongName.date(0, now: now) == "Jan  1  1970")
    }

    @Test func numericOwnersWhenNoNamesAreGiven() {
        let entry = SFTPDirectoryEntry(
            name: "x",
            attributes: SFTPAttributes(size: 5, ownership: .init(userID: 1000, groupID: 100), permissions: 0o100600))
        #expect(SFTPLongName.format(entry, now: 0) == "-rw-------    1 1000     100             5 Jan  1 00:00 x")
    }
}
