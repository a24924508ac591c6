import PandaFormats
import Testing

/// Passwords never leave the validator: reports and the kept copy show `***`.
@Suite struct MaskingTests {
    @Test func maskedLineRendersFieldsWithSecretsHidden() throws {
        let format = try #require(FormatTable.standard.format(.user))
        let fields = ["user", "K1", "ann", "p,w", "Ann", "Lee", "", "2", "1"]
        #expect(RecordEcho.maskedLine(fields, format: format) == "user,K1,ann,***,Ann,Lee,,2,1")
        var blank = fields
        blank[3] = ""
        #expect(RecordEcho.maskedLine(blank, format: format) == "user,K1,ann,,Ann,Lee,,2,1")
    }

    @Test func validRowsKeepTheirQuotingAndLoseTheirPassword() throws {
        let result = try validate(
            "user,\"K1\",\"ann\",\"p\"\"w\",\"Ann\",\"Lee\",\"\",\"2\",\"1\"\nuser,K2,bo,,Bo,Ray,,2,1\n")
        let masked = result.rows.map { String(decoding: $0.maskedRecord, as: UTF8.self) }
        #expect(masked == ["user,\"K1\",\"ann\",\"***\",\"Ann\",\"Lee\",\"\",\"2\",\"1\"", "user,K2,bo,,Bo,Ray,,2,1"])
        guard case .user(let user) = result.records[0] else { return }
        #expect(user.password == "p\"w")
    }

    @Test func theKeptCopyHasTheSameLinesWithoutPasswords() throws {
        let text =
            "user,K1,ann,Secr3t,Ann,Lee,,2,1\r\n\r\nuser,K2,bo,\"multi\nline Secr3t\",Bo,Ray,,2,1\n"
            + "user,K3,\"broken\"x,Secr3t,Cy,Dee,,2,1\nusr,K4,dee,Secr3t,Di,Em,,2,1\n,,,\nuser,K5,,,Ed,Fo,,2,1\n\n"
        let validator = FileValidator(source: MemoryByteSource(text))
        var copy = MaskedFileCopy(sink: MemoryByteSink())
        while let row = try validator.next() { try copy.append(row) }
        let sink = try copy.finish(lineCount: validator.linesRead)
        let expected =
            "user,K1,ann,***,Ann,Lee,,2,1\n\nuser,K2,bo,\"***\",Bo,Ray,,2,1\n\n"
            + "user,***\nusr,***\n\nuser,K5,,,Ed,Fo,,2,1\n\n"
        #expect(sink.text == expected)
        #expect(!sink.text.contains("Secr3t"))
        // The one-pass copy and the stand-alone copy agree.
        #expect(try MaskedFileCopy.copy(from: MemoryByteSource(text), to: MemoryByteSink()).text == expected)
    }

    @Test func aBrokenFirstRowOfAUserFileIsStillMasked() throws {
        let copy = try MaskedFileCopy.copy(
            from: MemoryByteSource("\"user,K1,ann,Secr3t\nuser,K2,,,A,B,,2,1\n"), to: MemoryByteSink())
        #expect(!copy.text.contains("Secr3t"))
    }

    @Test func echoesAreCutForReports() throws {
        let limits = CSVLimits(maximumRecordLength: 100_000)
        let result = try validate("program,P1,C,T," + String(repeating: "é", count: 5000) + "\n", limits: limits)
        let record = try #require(result.errors.first?.record)
        #expect(record.utf8.count <= RecordEcho.reportLimit + 3)
        #expect(record.hasSuffix("é…"))
    }
}
