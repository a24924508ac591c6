import PandaFormats
import Testing

/// Problems of a whole file: thrown, so the file is rejected whole.
@Suite struct FileErrorTests {
    @Test func emptyFile() {
        #expect(fileError([]) == .emptyFile)
        #expect(fileError([0xEF, 0xBB, 0xBF] + Array("\r\n\n,,,\n  \n".utf8)) == .emptyFile)
        #expect(FormatError.emptyFile.code == "empty_file")
    }

    @Test func notCSV() {
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]
        #expect(fileError(zip)?.code == "not_csv")
        #expect(fileError([0xFF, 0xFE] + Array("u\0s\0".utf8))?.code == "not_csv")
        #expect(fileError(Array("user,K1\n".utf8) + [0x00])?.message.contains("CSV UTF-8") == true)
    }

    @Test func mixedKeywords() {
        let text = "junk,1\nprogram,P1,,T,\nprogram,P2,,T,\nuser,K1,,,A,B,,2,1\n"
        let error = fileError(Array(text.utf8))
        #expect(error == .mixedKeywords(line: 4, fileKeyword: "program", rowKeyword: "user"))
        #expect(error?.code == "mixed_keywords")
    }

    @Test func afterAFileErrorTheValidatorKeepsThrowingIt() throws {
        let validator = FileValidator(source: MemoryByteSource("program,P1,,T,\nuser,K1\nprogram,P2,,T,\n"))
        #expect(try validator.next() != nil)
        #expect(throws: FormatError.self) { try validator.next() }
        #expect(throws: FormatError.self) { try validator.next() }
    }

    @Test func unknownFileType() {
        let error = fileError(Array("a,b\nc,d\n".utf8))
        #expect(error == .unknownFileType(firstKeyword: "a"))
        #expect(error?.code == "unknown_file_type")
        #expect(error?.message.contains("propertyuserbyid") == true)
    }

    @Test func fileTooLarge() {
        let text = String(repeating: "student,K1\n", count: 100)
        let error = fileError(Array(text.utf8), limits: CSVLimits(maximumFileSize: 1000))
        #expect(error == .fileTooLarge(limit: 1000))
        #expect(error?.code == "file_too_large")
    }

    @Test func countsAddUp() throws {
        let text = "user,K1,,,A,B,,2,1\n\nuser,K2,,,A,B,,9,1\nuser,F1,,,A,B,,1,10\n,,,\nuser,K3,,,A,B,,2,2\n"
        let result = try validate(text)
        #expect(result.counts == ValidationCounts(read: 4, accepted: 2, rejected: 1, skipped: 1))
        #expect(result.linesRead == 6)
        #expect(result.rows.map(\.line) == [1, 3, 4, 6])
    }
}
