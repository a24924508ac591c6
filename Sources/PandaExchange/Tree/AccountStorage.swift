import Foundation

/// The host directories behind one account's virtual tree:
/// `DATA/accounts/USERNAME/{outbound,archive,inbound,validate,results,processed,spool}`.
///
/// Host names are fixed; the virtual paths clients see are configured per account (`FolderLayout`).
/// `spool` (uploads in progress) and `processed` (files kept after import) are never visible over SFTP.
public final class AccountStorage: Sendable {
    public let username: String
    let root: HostDirectory
    let outbound: HostDirectory
    let archive: HostDirectory
    let inbound: HostDirectory
    let validate: HostDirectory
    let results: HostDirectory
    let processed: HostDirectory
    let spool: HostDirectory

    /// Opens the account's directories, creating those that are missing.
    public init(dataDirectory: String, username: String) throws {
        self.username = username
        let accounts = try HostDirectory(path: dataDirectory + "/accounts", create: true)
        root = try HostDirectory(in: accounts, name: username, create: true)
        outbound = try HostDirectory(in: root, name: "outbound", create: true)
        archive = try HostDirectory(in: root, name: "archive", create: true)
        inbound = try HostDirectory(in: root, name: "inbound", create: true)
        validate = try HostDirectory(in: root, name: "validate", create: true)
        results = try HostDirectory(in: root, name: "results", create: true)
        processed = try HostDirectory(in: root, name: "processed", create: true)
        spool = try HostDirectory(in: root, name: "spool", create: true)
    }

    func directory(for folder: AccountFolder) -> HostDirectory {
        switch folder {
        case .outbound: outbound
        case .archive: archive
        case .inbound: inbound
        case .validate: validate
        case .results: results
        }
    }

    /// Bytes the account's uploads occupy: what the disk quota limits.
    func uploadUsage() -> Int64 {
        [inbound, validate, processed, spool].reduce(0) { total, dir in
            total + ((try? dir.entries()) ?? []).reduce(0) { $0 + Int64($1.status.st_size) }
        }
    }

    /// A fresh, exclusive spool file name.
    func newSpoolName(prefix: String) -> String {
        prefix + "-" + UUID().uuidString.lowercased()
    }
}

/// The folders of an account's tree (spec §4).
public enum AccountFolder: String, Sendable, CaseIterable {
    case outbound, archive, inbound, validate, results

    /// Whether institutions may upload into the folder.
    var acceptsUploads: Bool { self == .inbound || self == .validate }
}
