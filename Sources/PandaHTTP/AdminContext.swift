import PandaCore
import PandaExchange
import PandaStore

/// Reads a public key's text (`.pub` file or `authorized_keys` line) into what the store keeps, applying
/// the key policy. Given by the composition root, so the HTTP target needs no SSH library.
public protocol PublicKeyReader: Sendable {
    func read(_ text: String) throws -> NewPublicKey
}

/// What the API and the dashboard work with: the same store, importer and services the CLI uses.
public struct AdminContext: Sendable {
    public let store: Store
    public let dataDirectory: String
    public let cycles: CycleOverview
    public let keyReader: any PublicKeyReader
    /// The server's host-key fingerprints, shown with an account's connection details.
    public let hostKeys: any HostKeyDirectory
    public let importer: FileImporter
    public let metrics: MetricsRegistry
    public let logger: Logger

    public init(
        store: Store, dataDirectory: String, cycles: CycleOverview, keyReader: any PublicKeyReader,
        hostKeys: any HostKeyDirectory = NoHostKeys(), metrics: MetricsRegistry, logger: Logger
    ) {
        self.store = store
        self.dataDirectory = dataDirectory
        self.cycles = cycles
        self.keyReader = keyReader
        self.hostKeys = hostKeys
        self.importer = FileImporter(
            store: store, dataDirectory: dataDirectory, logger: logger.named("import"))
        self.metrics = metrics
        self.logger = logger
    }

    /// What an institution needs to connect to `account`.
    func connection(for account: Account) throws -> ConnectionDetails {
        try ConnectionDetails.load(account: account, store: store, hostKeys: hostKeys.fingerprints())
    }

    /// The operator actions, audited under `actor`.
    func actions(actor: String) -> OperatorActions { OperatorActions(store: store, actor: actor) }
}

/// No host keys known (tests that need none).
public struct NoHostKeys: HostKeyDirectory {
    public init() {}
    public func fingerprints() -> [HostKeyFingerprint] { [] }
}
