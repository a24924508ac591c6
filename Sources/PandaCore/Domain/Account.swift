import Foundation

/// One environment of an institution: an SFTP username with its own keys, folders, roster, records and
/// schedule. Nothing done in one account can change another's data.
public struct Account: Hashable, Sendable {
    public var username: String
    public var institutionID: InstitutionID
    public var environment: Environment
    public var folders: FolderLayout
    public var settings: AccountSettings
    public var createdAt: Date

    public init(
        username: String, institutionID: InstitutionID, environment: Environment,
        folders: FolderLayout = .standard, settings: AccountSettings = AccountSettings(), createdAt: Date
    ) {
        self.username = username
        self.institutionID = institutionID
        self.environment = environment
        self.folders = folders
        self.settings = settings
        self.createdAt = createdAt
    }
}
