import Foundation
import PandaTesting
import Testing

/// A data directory and the real `panda` binary, as an operator uses them.
struct CLI {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory(prefix: "panda-cli") }

    var dataDirectory: String { directory.file("data") }

    @discardableResult
    func run(_ arguments: String..., input: String? = nil) throws -> ProcessResult {
        try PandaBinary.run(arguments, dataDirectory: dataDirectory, input: input)
    }

    /// Runs a command that must succeed; returns its standard output.
    @discardableResult
    func ok(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try PandaBinary.run(arguments, dataDirectory: dataDirectory)
        #expect(
            result.status == 0, "panda \(arguments.joined(separator: " ")): \(result.stderr)",
            sourceLocation: sourceLocation)
        return result.stdout
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory.file(name)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func json(_ arguments: String...) throws -> Any {
        let result = try PandaBinary.run(arguments + ["--json"], dataDirectory: dataDirectory)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}
