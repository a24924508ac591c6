import Foundation
import PandaFormats
import PandaTesting
import Testing

@Suite struct CSVReaderTests {
    @Test func unquotedAndQuotedFields() throws {
        let rows = try readRows("user,K1,\"mattiep\",,\"\"\nprogram,\"P1\"\n")
        #expect(rows.map(\.fields) == [["user", "K1", "mattiep", "", ""], ["program", "P1"]])
        #expect(rows.map(\.line) == [1, 2])
        #expect(rows[0].rawText == "user,K1,\"mattiep\",,\"\"")
        #expect(rows.allSatisfy { $0.problem == nil })
    }

    @Test func doubledQuotesAreOneQuote() throws {
        let rows = try readRows("a,\"say \"\"hi\"\"\",\"\"\"\"\n")
        #expect(rows[0].fields == ["a", "say \"hi\"", "\""])
        #expect(rows[0].rawText == "a,\"say \"\"hi\"\"\",\"\"\"\"")
    }

    @Test func commasAndLineBreaksInsideQuotes() throws {
        let rows = try readRows("program,P1,\"a, b\",\"line one\nline two\r\nline three\"\nprogram,P2\n")
        #expect(rows[0].fields == ["program", "P1", "a, b", "line one\nline two\r\nline three"])
        #expect(rows[0].line == 1)
        #expect(rows[0].lineCount == 3)
        #expect(rows[1].line == 4)
    }

    @Test func crlfLoneCRAndNoFinalLineBreak() throws {
        let rows = try readRows("a,1\r\nb,2\rc,3\nd,4")
        #expect(rows.map(\.fields) == [["a", "1"], ["b", "2"], ["c", "3"], ["d", "4"]])
        #expect(rows.map(\.line) == [1, 2, 3, 4])
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let rows = try readRows([0xEF, 0xBB, 0xBF] + Array("student,\"K1\"\n".utf8))
        #expect(rows.map(\.fields) == [["student", "K1"]])
        #expect(rows[0].rawText == "student,\"K1\"")
        // Only at the start: elsewhere those bytes are data.
        #expect(try readRows([0xEF, 0xBB, 0xBF]).isEmpty)
    }

    @Test func emptyLinesAreSkippedButCounted() throws {
        let reader = CSVReader(source: MemoryByteSource("\n\r\na,1\n\n\nb,2\n\n"))
        var lines: [Int] = []
        while let row = try reader.next() { lines.append(row.line) }
        #expect(lines == [3, 6])
        #expect(reader.linesRead == 7)
    }

    @Test func emptyFieldsAndTrailingComma() throws {
        let rows = try readRows(",\na,\n\"\"\n")
        #expect(rows.map(\.fields) == [["", ""], ["a", ""], [""]])
        #expect(rows[0].isBlank && rows[2].isBlank && !rows[1].isBlank)
    }

    @Test func quoteInUnquotedFieldBreaksOnlyThatLine() throws {
        let rows = try readRows("user,ab\"c,\"x\ny,2\n")
        #expect(rows[0].problem == .quoteInUnquotedField)
        #expect(rows[0].rawText == "user,ab\"c,\"x")
        #expect(rows[0].fields == ["user"])
        #expect(rows[1].fields == ["y", "2"])
        #expect(rows[1].line == 2)
    }

    @Test func textAfterClosingQuote() throws {
        let rows = try readRows("a,\"b\"c,d\ne,f\n")
        #expect(rows[0].problem == .textAfterClosingQuote)
        #expect(rows[1].fields == ["e", "f"])
    }

    @Test func strayQuoteCostsTwoLinesNotTheFile() throws {
        // The quote opened on line 1 is closed by the first quote of line 2; the text after it breaks
        // the record, which then ends at line 2's end.
        let rows = try readRows("user,\"K1,a\nuser,\"K2\",b\nuser,\"K3\",c\n")
        #expect(rows.count == 2)
        #expect(rows[0].problem == .textAfterClosingQuote)
        #expect(rows[0].lineCount == 2)
        #expect(rows[1].fields == ["user", "K3", "c"])
        #expect(rows[1].line == 3)
    }

    @Test func unterminatedQuoteAtEndOfFile() throws {
        let rows = try readRows("a,1\nb,\"open\nmore")
        #expect(rows.count == 2)
        #expect(rows[1].problem == .unterminatedQuote)
        #expect(rows[1].line == 2)
        #expect(rows[1].rawText == "b,\"open\nmore")
    }

    @Test func invalidUTF8RowThenValidRows() throws {
        let bytes = Array("a,ok\n".utf8) + Array("b,caf".utf8) + [0xE9] + Array("\nc,caf\u{E9}\n".utf8)
        let rows = try readRows(bytes)
        #expect(rows.map(\.problem) == [nil, .invalidUTF8, nil])
        #expect(rows[1].fieldCount == 2)
        #expect(rows[2].fields == ["c", "caf\u{E9}"])
    }

    @Test func overlongRecordThenValidRows() throws {
        let limits = CSVLimits(maximumRecordLength: 16)
        let long = "user," + String(repeating: "x", count: 40)
        let rows = try readRows("a,1\n\(long)\n\"q\nq\(String(repeating: "y", count: 30))\nb,2\n", limits: limits)
        #expect(rows.map(\.problem) == [nil, .recordTooLong, .recordTooLong, nil])
        #expect(rows[1].raw.count == 16)
        #expect(rows[1].line == 2)
        // A quoted record that grows too long gives up at the next line break, quotes or not.
        #expect(rows[2].line == 3)
        #expect(rows[3].fields == ["b", "2"])
        #expect(rows[3].line == 5)
    }

    @Test func recordOfExactlyTheLimitIsAccepted() throws {
        let limits = CSVLimits(maximumRecordLength: 8)
        let rows = try readRows("abc,\"de\"\n\"abc,de\"\r\n12345678", limits: limits)
        #expect(rows.map(\.problem) == [nil, nil, nil])
        #expect(try readRows("123456789\n", limits: limits)[0].problem == .recordTooLong)
    }

    @Test func tooManyFields() throws {
        let limits = CSVLimits(maximumFieldCount: 3)
        let rows = try readRows("a,b,c\na,b,c,d\na,b,c,\nx\n", limits: limits)
        #expect(rows.map(\.problem) == [nil, .tooManyFields, .tooManyFields, nil])
    }

    @Test func oneByteChunksGiveTheSameRows() throws {
        let text =
            "\u{FEFF}user,\"K1\",\"a \"\"b\"\"\",\"x\r\ny\"\r\n\r\nuser,K2,\u{E9}t\u{E9}\rb\"ad,1\n\"a\"x,2\n"
            + "long," + String(repeating: "z", count: 100) + "\n\"unterminated,\n"
        let bytes = Array(text.utf8)
        let limits = CSVLimits(maximumRecordLength: 50)
        let whole = try readRows(bytes, limits: limits).map(RowSummary.init)
        #expect(whole.count == 6)
        for chunk in [1, 2, 3, 7, 64] {
            #expect(try readRows(bytes, chunk: chunk, limits: limits).map(RowSummary.init) == whole)
        }
        // The reader's own chunk size must not matter either.
        let small = CSVLimits(maximumRecordLength: 50, chunkSize: 16)
        #expect(try readRows(bytes, limits: small).map(RowSummary.init) == whole)
    }

    @Test func nulBytesMeanNotCSV() {
        #expect(throws: FormatError.self) { try readRows([0x50, 0x4B, 0x03, 0x04, 0x00, 0x0A]) }
        #expect(throws: FormatError.self) { try readRows(Array("a,\"b".utf8) + [0] + Array("\"\n".utf8)) }
    }

    @Test func utf16IsNotCSV() {
        #expect {
            try readRows([0xFF, 0xFE, 0x75, 0x00])
        } throws: { error in
            (error as? FormatError)?.code == "not_csv" && "\(error)".contains("UTF-16")
        }
    }

    @Test func fileSizeLimit() throws {
        let limits = CSVLimits(maximumFileSize: 10)
        #expect(try readRows("a,1\nb,2\n", limits: limits).count == 2)
        #expect(throws: FormatError.fileTooLarge(limit: 10)) { try readRows("a,1\nb,2\nc,3\n", limits: limits) }
    }

    @Test func readsAFileDescriptor() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("user.csv")
        let lines = (1...5000).map { "user,\"K\($0)\",,,First,Last,,2,1\n" }.joined()
        try lines.write(toFile: path, atomically: false, encoding: .utf8)
        let descriptor = open(path, O_RDONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let reader = CSVReader(
            source: FileDescriptorByteSource(descriptor: descriptor), limits: CSVLimits(chunkSize: 4096))
        var count = 0
        while let row = try reader.next() {
            count += 1
            #expect(row.string(at: 1) == "K\(count)")
        }
        #expect(count == 5000)
        #expect(reader.bytesRead == Int64(lines.utf8.count))
    }
}
