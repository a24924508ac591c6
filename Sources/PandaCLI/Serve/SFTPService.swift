import Foundation
import PandaCore
import PandaExchange
import PandaNotify
import PandaSSH
import PandaStore

/// The SSH/SFTP server as a service of `panda serve`: wires the store (authentication, bans, audit), the
/// notifier (bans after repeated failed logins) and each account's jailed tree into the transport.
final class SFTPService: Service {
    let name = "sftp"
    private let server: SSHServer
    private let host: String

    init(
        store: Store, dataDirectory: String, host: String, port: Int, audit: AuditBatcher, notifier: any Notifier,
        retrievals: RetrievalRecorder, metrics: MetricsRegistry, logger: Logger
    ) {
        self.host = host
        let clock = store.clock
        let configuration = SSHServerConfiguration(
            hostKeyDirectory: HostKeyFingerprints.directory(dataDirectory: dataDirectory), host: host, port: port)
        let intake = StoreUploadIntake(store: store)
        let storages = AccountStorageCache(dataDirectory: dataDirectory)
        let banPolicy = SSHBanPolicy()
        let loginFailures = LoginFailureNotices(
            tracker: LoginFailureTracker(window: banPolicy.window), store: store, notifier: notifier, clock: clock,
            logger: logger.named("ssh"))
        server = SSHServer(
            configuration: configuration,
            authenticator: StoreAuthenticator(store: store, policy: .standard, logger: logger.named("auth")),
            banList: StoreBanList(store: store, policy: banPolicy, logger: logger.named("ban")),
            observer: SSHObservers(observers: [
                SSHAuditObserver(audit: audit, clock: clock), loginFailures, SSHMetricsObserver(metrics: metrics),
            ]),
            logger: logger.named("ssh"), clock: clock,
            subsystem: { login, writer in
                let account = try store.accounts.get(login.account)
                let storage = try storages.storage(for: account.username)
                let fileSystem = AccountFileSystem(account: account, storage: storage, intake: intake, clock: clock)
                let observer = SFTPAuditObserver(
                    audit: audit, clock: clock, account: account.username, address: login.connection.address,
                    studentsFile: account.folders.studentsFile, retrievals: retrievals)
                return SFTPChannel(fileSystem: fileSystem, writer: writer, observer: observer)
            })
    }

    func start() throws {
        try server.start()
    }

    /// The address and port actually bound (port 0 resolved).
    var listeningAddress: String {
        let port = server.boundPort ?? 0
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    var port: Int { server.boundPort ?? 0 }

    func stop(deadline: Duration) {
        server.stop()
    }
}
