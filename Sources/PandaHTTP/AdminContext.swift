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
    public let importer: FileImporter
    public let metrics: MetricsRegistry
    public let logger: Logger

    public init(
        store: Store, dataDirectory: String, cycles: CycleOverview, keyReader: any PublicKeyReader,
        metrics: MetricsRegistry, logger: Logger
    ) {
        self.store = store
        self.dataDirectory = dataDirectory
        self.cycles = cycles
        self.keyReader = keyReader
        self.importer = FileImporter(
            store: store, dataDirectory: dataDirectory, logger: logger.named("import"))
        self.metrics = metrics
        self.logger = logger
    }

    /// The operator actions, audited under `actor`.
    func actions(actor: String) -> OperatorActions { OperatorActions(store: store, actor: actor) }
}
