/// The `pflags` of an `SSH_FXP_OPEN` request, with their wire values (filexfer-02 §6.3).
public struct SFTPOpenFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `SSH_FXF_READ`: open for reading.
    public static let read = SFTPOpenFlags(rawValue: 0x01)
    /// `SSH_FXF_WRITE`: open for writing.
    public static let write = SFTPOpenFlags(rawValue: 0x02)
    /// `SSH_FXF_APPEND`: every write goes to the end of the file.
    public static let append = SFTPOpenFlags(rawValue: 0x04)
    /// `SSH_FXF_CREAT`: create the file if it does not exist.
    public static let create = SFTPOpenFlags(rawValue: 0x08)
    /// `SSH_FXF_TRUNC`: empty an existing file.
    public static let truncate = SFTPOpenFlags(rawValue: 0x10)
    /// `SSH_FXF_EXCL`: with `create`, fail if the file exists.
    public static let exclusive = SFTPOpenFlags(rawValue: 0x20)

    /// Every flag version 3 defines; other bits are dropped when a request is decoded.
    public static let all: SFTPOpenFlags = [.read, .write, .append, .create, .truncate, .exclusive]

    /// Whether the open can change the file: writing, appending, creating or truncating.
    ///
    /// `CREAT` or `TRUNC` without `WRITE` still change the tree, so they count as writes (OpenSSH's read-only mode
    /// refuses them too).
    public var modifiesFile: Bool { !intersection([.write, .append, .create, .truncate]).isEmpty }

    /// Whether the handle may be read from: `READ` was asked for, or nothing that modifies the file was.
    public var allowsReading: Bool { contains(.read) || !modifiesFile }

    /// Whether the handle may be written to.
    public var allowsWriting: Bool { contains(.write) || contains(.append) }

    /// The flags as OpenSSH logs them, e.g. `WRITE,CREATE,TRUNCATE`.
    public var summary: String {
        let names: [(SFTPOpenFlags, String)] = [
            (.read, "READ"), (.write, "WRITE"), (.append, "APPEND"), (.create, "CREATE"),
            (.truncate, "TRUNCATE"), (.exclusive, "EXCL"),
        ]
        return names.filter { contains($0.0) }.map(\.1).joined(separator: ",")
    }
}
