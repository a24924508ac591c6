import Foundation
import PandaFormats
import PandaTesting
import Testing

@Suite struct CSVWriterTests {
    func written(_ rows: [[String]], quoting: CSVQuoting = .whenNeeded) throws -> [UInt8] {
        var writer = CSVWriter(sink: MemoryByteSink(), quoting: quoting)
        for row in rows { try writer.writeRow(row) }
        try writer.flush()
        return writer.sink.bytes
    }

    @Test func quotesOnlyWhenNeeded() throws {
        let bytes = try written([["user", "K1", "a,b", "say \"hi\"", "x\ny", ""], [""]])
        #expect(String(decoding: bytes, as: UTF8.self) == "user,K1,\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\n\"\"\n")
    }

    @Test func alwaysQuotes() throws {
        let always = try written([["student", "K1"]], quoting: .always)
        #expect(String(decoding: always, as: UTF8.self) == "\"student\",\"K1\"\n")
        let roster = try written([["student", "K1"]], quoting: .exceptKeyword)
        #expect(String(decoding: roster, as: UTF8.self) == "student,\"K1\"\n")
        #expect(CSVLine.render(["a", "b,c"]) == "a,\"b,c\"")
    }

    @Test func writesFieldsGivenAsBytes() throws {
        var writer = CSVWriter(sink: MemoryByteSink())
        let fields = [Array("program".utf8), Array("P,1".utf8), []]
        try fields[0].withUnsafeBufferPointer { first in
            try fields[1].withUnsafeBufferPointer { second in
                try fields[2].withUnsafeBufferPointer { third in
                    try writer.writeRow(fieldBytes: [first, second, third])
                    try writer.writeRow(fieldBytes: [third])
                }
            }
        }
        try writer.flush()
        #expect(writer.sink.text == "program,\"P,1\",\n\"\"\n")
    }

    @Test func roundTripOfAwkwardFields() throws {
        var generator = SeededGenerator(seed: 7)
        let alphabet: [String] = ["a", "Z", "0", ",", "\"", "\n", "\r", "\r\n", " ", "é", "😀", "\t", ";"]
        var rows: [[String]] = []
        for _ in 0..<2000 {
            let count = Int.random(in: 1...9, using: &generator)
            rows.append(
                (0..<count).map { _ in
                    (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                        alphabet.randomElement(using: &generator)!
                    }.joined()
                })
        }
        for quoting in [CSVQuoting.whenNeeded, .always, .exceptKeyword] {
            let bytes = try written(rows, quoting: quoting)
            for chunk in [1, 1 << 20] {
                #expect(try readRows(bytes, chunk: chunk).map(\.fields) == rows)
            }
        }
    }

    @Test func writesToAFileDescriptor() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("students.csv")
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(descriptor >= 0)
        var writer = CSVWriter(sink: FileDescriptorByteSink(descriptor: descriptor), quoting: .exceptKeyword)
        for index in 0..<20_000 { try writer.writeRow(["student", "K\(index)"]) }
        try writer.flush()
        close(descriptor)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("student,\"K0\"\nstudent,\"K1\"\n"))
        #expect(text.split(separator: "\n").count == 20_000)
    }
}
