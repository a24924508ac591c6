import Foundation
import PandaAgent
import PandaCore
import PandaExchange
import PandaSSH

/// `panda agent HOST --user U --key FILE --host-key SHA256:… FILE…`: the institution's side of the exchange.
struct AgentCommand: PandaCommand {
    static let words = ["agent"]
    static let synopsis =
        "HOST --user USERNAME --key KEYFILE --host-key SHA256:… [--port N] [--wait SECONDS] [--reports DIR]"
        + " [--strict] [--no-filter] [--dry-run | --server-check] FILE…"
    static let summary = "for institutions: filter, check and upload data files, then fetch their reports"
    static let discussion = """
        Run by an institution (from cron, for instance) on its own machine, with the key the operator registered:
          1. connects to HOST over SSH and checks the server's host key against --host-key (the SHA256
             fingerprints `panda account show` prints; repeat the option or separate them with commas during a
             key rotation); on a mismatch it disconnects before logging in and prints both fingerprints;
          2. logs in with the private key KEYFILE (OpenSSH format, ED25519, ECDSA or RSA, without a passphrase)
             and fetches students.csv;
          3. filters each FILE to the students listed there: rows of user, propertyuserbyid and programuser
             files (the types whose rows name a student) for unlisted students are left out; Property and
             program files are sent whole. The inputs are never changed: filtered copies are written to a
             private temporary directory and removed at the end;
          4. validates each filtered file with the rules of `panda validate FILE`. A file the server would reject
             whole (empty, not CSV, mixed keywords…) is not uploaded. Rows with errors are printed (line, code,
             message; a Password is never shown); the file is still uploaded, and the server applies its other
             rows, unless --strict;
          5. uploads each file as NAME.part and renames it to NAME, so the server never processes a partial
             file, in the order the server processes a batch (Property, program, user, propertyuserbyid,
             programuser);
          6. waits (every 2 s, up to --wait seconds) for each file's result report in the results folder,
             saves the summary and the errors CSV in --reports DIR, and prints each file's status and counts.
        Exit status: 0 every file processed without row errors; 3 processed, but some rows were rejected (the
        reports are saved); 1 a problem: cannot connect, host key mismatch, login refused, a file not uploaded
        or rejected whole or held, no report within --wait; 2 usage error. With --dry-run: 0 every file valid,
        3 some rows would be rejected, 1 a file would be rejected whole. --server-check uploads to the validate
        folder instead of inbound: the server checks each file with all its rules (roster, definitions, the
        changes it would make), reports with status dry_run, and applies nothing; exit statuses as for a real
        run. Log lines go to standard error, the summary to standard output.
        """
    static let options: [OptionSpec] = [
        .value("user", "USERNAME", "the account to log in as (required)"),
        .value("key", "KEYFILE", "the private key file (required; no passphrase)"),
        .value("host-key", "SHA256:…", "the server's host-key fingerprint (required; repeatable, or comma-separated)"),
        .value("port", "N", "SFTP port (default 2222)"),
        .value(
            "wait", "SECONDS",
            "how long to wait for the reports (default 900; 0 only uploads, and exits 1: no report yet)"),
        .value("reports", "DIR", "where to save the reports (default: the current directory)"),
        .flag("strict", "do not upload a file that has row errors"),
        .flag("no-filter", "upload the files as they are, without filtering them to students.csv"),
        .flag("dry-run", "stop after validating; upload nothing"),
        .flag("server-check", "upload to the validate folder: the server checks with all its rules, applies nothing"),
        .value("students", "PATH", "students.csv on the server (default /outbound/students.csv)"),
        .value("inbound", "PATH", "the folder to upload to (default /inbound)"),
        .value("validate", "PATH", "the folder for --server-check (default /validate)"),
        .value("results", "PATH", "the folder of the result reports (default /results)"),
        .value("timeout", "SECONDS", "time limit for connecting, logging in and each request (default 30)"),
    ]

    let host: String
    let username: String
    let keyFile: String
    let hostKeys: [String]
    let port: Int
    let timeout: Int
    let agentOptions: AgentOptions

    init(_ arguments: ParsedArguments) throws {
        let (head, files) = try arguments.positionals(atLeast: ["HOST"], rest: "FILE")
        host = head[0]
        guard let username = arguments.value("user") else { throw UsageError("missing --user USERNAME") }
        guard let keyFile = arguments.value("key") else { throw UsageError("missing --key KEYFILE") }
        self.username = username
        self.keyFile = keyFile
        hostKeys = arguments.values("host-key").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !hostKeys.isEmpty else {
            throw UsageError("missing --host-key SHA256:… (the fingerprints `panda account show` prints)")
        }
        for key in hostKeys where !Self.isFingerprint(key) {
            throw UsageError("--host-key \(key) is not a SHA256 fingerprint such as SHA256:1Hh3F…")
        }
        port = try Self.number(arguments, "port", default: 2222, range: 1...65535)
        timeout = try Self.number(arguments, "timeout", default: 30, range: 1...3600)
        var options = AgentOptions(files: files)
        options.waitSeconds = try Self.number(arguments, "wait", default: 900, range: 0...86400)
        options.reportsDirectory = arguments.value("reports") ?? "."
        options.strict = arguments.flag("strict")
        options.noFilter = arguments.flag("no-filter")
        options.dryRun = arguments.flag("dry-run")
        options.serverCheck = arguments.flag("server-check")
        if options.dryRun && options.serverCheck {
            throw UsageError("--dry-run uploads nothing and --server-check uploads for a check; give one of them")
        }
        for (name, keyPath) in [
            ("students", \AgentOptions.studentsPath), ("inbound", \.inboundFolder), ("validate", \.validateFolder),
            ("results", \.resultsFolder),
        ] {
            guard let value = arguments.value(name) else { continue }
            guard value.hasPrefix("/") else { throw UsageError("--\(name) takes an absolute path such as /inbound") }
            options[keyPath: keyPath] = value
        }
        try Self.checkNames(files)
        agentOptions = options
    }

    func run(_ context: CommandContext) throws {
        let agent = InstitutionAgent(
            options: agentOptions, logger: Logger(component: "agent"), output: { context.output.write($0) })
        let configuration = SSHClientConfiguration(
            host: host, port: port, username: username, expectedHostKeys: hostKeys, timeoutSeconds: timeout)
        var opened: SFTPRemoteExchange?
        let result = agent.run {
            let key = try ClientPrivateKey(path: keyFile)
            let session = try SSHClientSession.connect(configuration, key: key)
            let remote = try SFTPRemoteExchange(connection: session)
            opened = remote
            return remote
        }
        opened?.close()
        guard result.exitStatus == .success else {
            throw CommandExit(status: result.exitStatus.rawValue, message: result.message)
        }
    }

    /// `SHA256:` followed by the unpadded Base64 of 32 bytes (43 characters).
    static func isFingerprint(_ text: String) -> Bool {
        let body = text.hasPrefix("SHA256:") ? text.dropFirst(7) : Substring(text)
        return body.count == 43 && body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+/".contains($0)) }
    }

    private static func number(
        _ arguments: ParsedArguments, _ name: String, default value: Int, range: ClosedRange<Int>
    ) throws(UsageError) -> Int {
        guard let text = arguments.value(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("--\(name) takes a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// Upload names are the files' own names: they must differ, and must not look like an unfinished upload.
    private static func checkNames(_ files: [String]) throws(UsageError) {
        var seen: Set<String> = []
        for file in files {
            let name = (file as NSString).lastPathComponent
            guard seen.insert(name).inserted else {
                throw UsageError("two files are named \(name); they would replace each other on the server")
            }
            if UploadName.isTemporary(name) {
                let suffixes = UploadName.temporarySuffixes.joined(separator: ", ")
                throw UsageError(
                    "\(name) looks like an unfinished upload to the server (a leading dot, or \(suffixes)), which it"
                        + " never processes; rename the file")
            }
        }
    }
}
