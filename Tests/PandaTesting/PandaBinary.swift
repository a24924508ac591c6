import Foundation

/// The built `panda` executable, run as a user would run it.
public enum PandaBinary {
    /// `$PANDA_BINARY`, else `panda` beside the test bundle in the build directory.
    public static var path: String {
        if let explicit = ProcessInfo.processInfo.environment["PANDA_BINARY"] { return explicit }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // The test runner may live inside PandaPackageTests.xctest/…; walk up to the build directory.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("panda").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("panda").path
    }

    /// Runs `panda ARGS --data-dir DIR`.
    @discardableResult
    public static func run(_ arguments: [String], dataDirectory: String, input: String? = nil) throws -> ProcessResult {
        try ProcessRunner.run(path, arguments + ["--data-dir", dataDirectory], input: input)
    }
}
