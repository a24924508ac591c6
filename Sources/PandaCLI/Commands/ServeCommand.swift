import Foundation
import PandaCore
import PandaExchange
import PandaHTTP
import PandaNotify
import PandaStore

/// `panda serve`: runs the services until SIGINT/SIGTERM.
struct ServeCommand: PandaCommand {
    static let words = ["serve"]
    static let synopsis =
        "[--host H] [--sftp-port N] [--http-host H] [--http-port N] [--tls-cert PEM --tls-key PEM] [--public-host NAME]"
        + " [--settle SECONDS] [--smtp-url URL] [--mail-from ADDR] [--demo]"
    static let summary = "run the server (SFTP, importer, scheduler, admin HTTP) until interrupted"
    static let discussion = """
        Prints one line per listener (`http listening on 127.0.0.1:8080`, `sftp listening on 127.0.0.1:2222`),
        then logs key=value lines on
        standard error. Port 0 picks a free port. SIGINT or SIGTERM stops it cleanly: sessions get a few
        seconds to finish; unfinished uploads are discarded, never half-imported.
        --demo creates (once) a demo institution with a generated key pair and prints the sftp command
        that connects to it; `make run` uses it.
        Notifications (missed cycles, rejected or held files, expiring keys, banned addresses) go to each
        account's webhook and e-mail addresses (`panda account set --webhook/--notify-email`). E-mail needs
        --smtp-url: smtps:// speaks TLS at once; smtp:// upgrades with STARTTLS when offered, and requires
        it when a password is given to a server on another machine. Without --smtp-url, e-mail deliveries
        are recorded as skipped. `panda notifications` shows every delivery.
        The admin HTTP server (JSON API under /api/v1, dashboard at /, Prometheus metrics at /metrics, /healthz)
        listens on --http-host, 127.0.0.1 unless given, whatever --host is; --tls-cert and --tls-key (PEM files)
        make it HTTPS. API calls need `Authorization: Bearer TOKEN` (`panda token create`); the dashboard signs
        in with a token too.
        """
    static let options: [OptionSpec] = [
        .value("host", "H", "address the SFTP server listens on (default 127.0.0.1)"),
        .value("sftp-port", "N", "SFTP port; 0 picks a free one (default 2222)"),
        .value("http-host", "H", "address of the admin HTTP server (default 127.0.0.1)"),
        .value("http-port", "N", "admin HTTP port; 0 picks a free one (default 8080)"),
        .value("tls-cert", "PEM", "certificate chain for HTTPS on the admin port (with --tls-key)"),
        .value("tls-key", "PEM", "private key for HTTPS on the admin port (with --tls-cert)"),
        .value("public-host", "NAME", "host name institutions are told to connect to (default: this machine's)"),
        .value("settle", "SECONDS", "quiet time before an account's uploads are processed (default 60)"),
        .value("smtp-url", "URL", "smtp[s]://[USER:PASS@]HOST:PORT for e-mail notifications"),
        .value("mail-from", "ADDR", "sender address of notification e-mail (default panda@HOST)"),
        .flag("demo", "create a demo institution with a key pair and print how to connect"),
    ]

    let host: String
    let sftpPort: Int
    let httpHost: String
    let httpPort: Int
    /// PEM files for HTTPS on the admin port.
    let tlsFiles: (certificate: String, key: String)?
    let publicHost: String?
    let demo: Bool
    /// Default quiet time before an account's uploads are imported (an account's own setting wins).
    let settleSeconds: Int
    /// The mail server for notification e-mail; nil records e-mail deliveries as skipped.
    let smtp: SMTPServer?
    let mailFrom: String?

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(exactly: [])
        host = arguments.value("host") ?? "127.0.0.1"
        sftpPort = try Self.port(arguments.value("sftp-port") ?? "2222", option: "sftp-port")
        httpPort = try Self.port(arguments.value("http-port") ?? "8080", option: "http-port")
        httpHost = arguments.value("http-host") ?? "127.0.0.1"
        switch (arguments.value("tls-cert"), arguments.value("tls-key")) {
        case (nil, nil): tlsFiles = nil
        case (let certificate?, let key?): tlsFiles = (certificate, key)
        default: throw UsageError("--tls-cert and --tls-key go together")
        }
        if let settle = arguments.value("settle"), Int(settle).map({ $0 < 0 }) ?? true {
            throw UsageError("--settle takes a number of seconds (0 or more)")
        }
        settleSeconds = arguments.value("settle").flatMap { Int($0) } ?? 60
        publicHost = arguments.value("public-host")
        demo = arguments.flag("demo")
        do {
            smtp = try arguments.value("smtp-url").map(SMTPServer.init(parsing:))
        } catch {
            throw UsageError(error.message)
        }
        mailFrom = arguments.value("mail-from")
        if let mailFrom {
            guard EmailAddress.isValid(mailFrom) else {
                throw UsageError(NotifyError.invalidMailFrom(mailFrom).message)
            }
            guard smtp != nil else { throw UsageError("--mail-from needs --smtp-url (the server that sends the mail)") }
        }
    }

    /// The PEM files' text, read once at start.
    private func tlsConfiguration() throws -> HTTPServerConfiguration.TLSFiles? {
        guard let tlsFiles else { return nil }
        func read(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else { throw HTTPServerError.cannotReadTLSFile(path: path) }
            return text
        }
        return .init(certificatePEM: try read(tlsFiles.certificate), keyPEM: try read(tlsFiles.key))
    }

    static func port(_ text: String, option: String) throws -> Int {
        guard let port = Int(text), (0...65535).contains(port) else {
            throw UsageError("--\(option) takes a port number from 0 to 65535")
        }
        return port
    }

    func run(_ context: CommandContext) throws {
        let logger = Logger(component: "serve")
        let openFiles = FileDescriptorLimit.raise()
        let store = try context.store()
        let audit = AuditBatcher(store: store, logger: logger.named("audit"))
        defer { audit.stop() }
        let notifications = NotificationService(
            store: store,
            configuration: NotificationConfiguration(
                smtp: smtp, mailFrom: mailFrom ?? "panda@\(publicHost ?? ProcessInfo.processInfo.hostName)"),
            logger: logger.named("notify"))
        // The scheduler, the importer and the SSH server raise notifications here; retrievals mark cycles.
        let notifier: any Notifier = notifications
        let metrics = PandaMetrics.registry()
        let retrievals = RetrievalRecorder(store: store, logger: logger.named("scheduler"))
        defer { retrievals.flush() }
        let scheduler = SchedulerService(
            scheduler: CycleScheduler(
                store: store, dataDirectory: context.dataDirectory, notifier: notifier,
                leadership: SingleNodeLeadership(), logger: logger.named("scheduler")),
            clock: store.clock, logger: logger.named("scheduler"))
        let sftp = SFTPService(
            store: store, dataDirectory: context.dataDirectory, host: host, port: sftpPort, audit: audit,
            notifier: notifier, retrievals: retrievals, metrics: metrics, logger: logger)
        let importer = ImportService(
            store: store, dataDirectory: context.dataDirectory, defaultSettleSeconds: settleSeconds,
            logger: logger.named("importer"), notifier: notifier, observer: ImportMetricsObserver(metrics: metrics))
        let http = HTTPServer(
            configuration: HTTPServerConfiguration(host: httpHost, port: httpPort, tls: try tlsConfiguration()),
            handler: AdminApplication(
                context: AdminContext(
                    store: store, dataDirectory: context.dataDirectory,
                    cycles: CycleOverview(store: store, dataDirectory: context.dataDirectory),
                    keyReader: SSHPublicKeyReader(),
                    hostKeys: DataDirectoryHostKeys(dataDirectory: context.dataDirectory), metrics: metrics,
                    logger: logger.named("http")),
                secureCookies: tlsFiles != nil),
            logger: logger.named("http"))
        // Notifications start first and stop last, so every other service can still notify while stopping.
        let group = ServiceGroup(services: [notifications, sftp, importer, scheduler, http], logger: logger)
        try group.start()

        let announcedHost = publicHost ?? (host == "0.0.0.0" || host == "::" ? ProcessInfo.processInfo.hostName : host)
        try store.serverSettings.set("public_host", announcedHost)
        try store.serverSettings.set("sftp_port", String(sftp.port))
        // The HTTP line comes first: scripts wait for the sftp line and expect both by then.
        context.print("http listening on \(http.listeningAddress)")
        context.print("sftp listening on \(sftp.listeningAddress)")
        logger.info(
            "ready",
            [
                "sftp": sftp.listeningAddress, "http": http.listeningAddress, "data_dir": context.dataDirectory,
                "open_files": String(openFiles),
            ])
        if demo {
            let connect = try DemoInstitution(context: context, store: store).prepare(
                host: announcedHost, port: sftp.port)
            context.print(connect)
        }
        group.waitForShutdown()
    }
}
