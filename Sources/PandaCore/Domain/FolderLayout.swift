/// The virtual folders an account sees over SFTP (spec §4). Configurable per account.
public struct FolderLayout: Hashable, Sendable, Codable {
    public var outbound: String
    public var archive: String
    public var inbound: String
    public var validate: String
    public var results: String

    public init(
        outbound: String = "/outbound", archive: String = "/outbound/archive", inbound: String = "/inbound",
        validate: String = "/validate", results: String = "/results"
    ) {
        self.outbound = outbound
        self.archive = archive
        self.inbound = inbound
        self.validate = validate
        self.results = results
    }

    public static let standard = FolderLayout()

    /// The published roster's path, e.g. `/outbound/students.csv`.
    public var studentsFile: String { outbound + "/students.csv" }
}
