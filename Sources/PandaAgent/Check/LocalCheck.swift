import Foundation
import PandaFormats

/// Validates a file with the rules `panda validate FILE` applies without an account: the format table's
/// format and field checks, no roster, no definitions (those are the server's).
public enum LocalCheck {
    /// Row errors kept for printing; the count covers all of them.
    public static let keptErrors = 50

    /// Reads the whole file at `path`; never throws (a file that cannot be read is a `problem`).
    public static func run(path: String) -> LocalCheckResult {
        var result = LocalCheckResult()
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            result.problem = FormatError.readFailed(errno: errno).message
            return result
        }
        defer { close(fd) }
        let validator = FileValidator(source: FileDescriptorByteSource(descriptor: fd))
        do {
            while let row = try validator.next() {
                let errors = row.errors
                result.errorCount += errors.count
                for error in errors where result.errors.count < keptErrors { result.errors.append(error) }
            }
        } catch {
            result.problem = error.message
            result.problemCode = error.code
        }
        result.format = validator.format
        result.counts = validator.counts
        return result
    }
}

/// What local validation found in one file.
public struct LocalCheckResult: Sendable {
    public var format: RecordFormat?
    public var counts = ValidationCounts()
    /// The first row errors (records masked: a Password is never shown).
    public var errors: [RowError] = []
    /// All row errors.
    public var errorCount = 0
    /// Why the whole file would be rejected (empty, not CSV, mixed keywords…), if it would.
    public var problem: String?
    /// The stable code of that problem (`mixed_keywords`…).
    public var problemCode: String?

    public init() {}
}
