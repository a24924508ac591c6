import Foundation
import PandaCore

/// Entry point of the `panda` executable: finds the command, validates it, runs it, maps errors to
/// exit statuses (0 success, 1 user error, 2 usage error).
public enum PandaCommandLine {
    /// Every command, in the order `panda help` lists them.
    static let commands: [any PandaCommand.Type] = [
        ServeCommand.self,
        InstitutionAddCommand.self, InstitutionListCommand.self,
        AccountShowCommand.self, AccountSetCommand.self,
        KeyAddCommand.self, KeyListCommand.self, KeyRevokeCommand.self,
        RosterAddCommand.self, RosterRemoveCommand.self, RosterImportCommand.self, RosterListCommand.self,
        CyclePublishCommand.self, StatusCommand.self,
        ImportCommand.self, ValidateCommand.self, FilesCommand.self, ReportCommand.self, FileApproveCommand.self,
        FileDiscardCommand.self,
        HolidayAddCommand.self, HolidayListCommand.self, HolidayRemoveCommand.self,
        PauseAddCommand.self, PauseListCommand.self, PauseRemoveCommand.self,
        AuditCommand.self, NotificationsCommand.self, BanListCommand.self, BanRemoveCommand.self,
        TokenCreateCommand.self, TokenListCommand.self, TokenRevokeCommand.self,
        AgentCommand.self,
        HelpCommand.self,
    ]

    public static func main(_ argv: [String]) -> Never {
        let status = run(
            Array(argv.dropFirst()), output: .standardOutput,
            errors: { text in
                FileHandle.standardError.write(Data(text.utf8))
            })
        exit(status)
    }

    /// Runs one command line; returns the exit status.
    static func run(_ tokens: [String], output: CommandOutput, errors: (String) -> Void) -> Int32 {
        guard let first = tokens.first, first != "--help", first != "-h" else {
            output.write(HelpCommand.overview())
            return tokens.isEmpty ? 2 : 0
        }
        if first == "--version" || first == "version" {
            output.write("panda \(PandaVersion.current)\n")
            return 0
        }
        guard let (command, rest) = find(tokens) else {
            let words = tokens.prefix(while: { !$0.hasPrefix("-") })
            let known = commands.contains { $0.words.first == words.first }
            errors(
                "panda: unknown command \"\(words.prefix(known ? 2 : 1).joined(separator: " "))\"\n"
                    + "usage: panda COMMAND [ARGUMENTS] [--data-dir DIR]; see `panda help`\n")
            return 2
        }
        do {
            let arguments = try ParsedArguments(rest, command: command)
            if arguments.flag("help") {
                output.write(HelpCommand.help(for: command))
                return 0
            }
            let instance = try command.init(arguments)
            let context = CommandContext(
                dataDirectory: arguments.value("data-dir") ?? ProcessInfo.processInfo.environment["PANDA_DATA_DIR"]
                    ?? "./panda-data",
                databaseURL: arguments.value("database"), json: arguments.flag("json"), output: output,
                clock: SystemClock())
            try instance.run(context)
            return 0
        } catch let exit as CommandExit {
            if let message = exit.message { errors("panda \(command.name): \(message)\n") }
            return exit.status
        } catch let error as UsageError {
            errors(
                "panda \(command.name): \(error.message)\nusage: \(command.usage)\nsee `panda help \(command.name)`\n")
            return 2
        } catch let error as any UserFacingError {
            errors("panda \(command.name): \(error.message)\n")
            return 1
        } catch {
            errors("panda \(command.name): \(error)\n")
            return 1
        }
    }

    /// The command whose words start `tokens` (longest match), and the remaining tokens.
    static func find(_ tokens: [String]) -> (any PandaCommand.Type, [String])? {
        let candidates = commands.filter { tokens.starts(with: $0.words) }
        guard let best = candidates.max(by: { $0.words.count < $1.words.count }) else { return nil }
        return (best, Array(tokens.dropFirst(best.words.count)))
    }
}

/// The version printed by `panda --version`.
enum PandaVersion {
    static let current = "0.1.0"
}
