import Foundation
import PandaCore

/// `panda serve`: runs the services until SIGINT/SIGTERM.
struct ServeCommand: PandaCommand {
    static let words = ["serve"]
    static let synopsis = "[--host H] [--sftp-port N] [--public-host NAME] [--settle SECONDS]"
    static let summary = "run the server (SFTP, importer, scheduler, admin HTTP) until interrupted"
    static let options: [OptionSpec] = [
        .value("host", "H", "address the SFTP server listens on (default 127.0.0.1)"),
        .value("sftp-port", "N", "SFTP port; 0 picks a free one (default 2222)"),
        .value("http-host", "H", "address of the admin HTTP server (default 127.0.0.1)"),
        .value("http-port", "N", "admin HTTP port (default 8080)"),
        .value("public-host", "NAME", "host name institutions are told to connect to (default: this machine's)"),
        .value("settle", "SECONDS", "quiet time before an account's uploads are processed (default 60)"),
        .value("smtp-url", "URL", "smtp[s]://[USER:PASS@]HOST:PORT for e-mail notifications"),
        .value("mail-from", "ADDR", "sender address of notification e-mail"),
    ]

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(exactly: [])
    }

    func run(_ context: CommandContext) throws {
        _ = try context.store()
    }
}
