import Foundation
import PandaCore

/// Reads a file named on the command line ('-' is standard input), with an error that names it.
enum InputFile {
    static func readText(_ path: String, what: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CLIError.cannotRead(path: path, what: what)
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError.notText(path: path, what: what) }
        return text
    }
}

/// Errors of the command line itself (files it cannot read, values it refuses).
enum CLIError: UserFacingError {
    case cannotRead(path: String, what: String)
    case notText(path: String, what: String)
    case emptyRoster(path: String)
    case rosterLine(path: String, line: Int, reason: String)

    var message: String {
        switch self {
        case .cannotRead(let path, let what):
            FileManager.default.fileExists(atPath: path)
                ? "cannot read \(what) \(path): permission denied" : "\(what) \(path) does not exist"
        case .notText(let path, let what): "\(what) \(path) is not UTF-8 text"
        case .emptyRoster(let path):
            "\(path) lists no students; importing it would empty the roster. Use --allow-empty if that is intended"
        case .rosterLine(let path, let line, let reason): "\(path) line \(line): \(reason)"
        }
    }
}
