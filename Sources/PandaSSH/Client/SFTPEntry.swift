import Foundation

/// One directory entry as an SFTP listing shows it.
public struct SFTPEntry: Sendable, Equatable {
    public var name: String
    public var size: UInt64
    public var modified: Date?
    public var isRegularFile: Bool

    public init(name: String, size: UInt64, modified: Date?, isRegularFile: Bool) {
        self.name = name
        self.size = size
        self.modified = modified
        self.isRegularFile = isRegularFile
    }
}
