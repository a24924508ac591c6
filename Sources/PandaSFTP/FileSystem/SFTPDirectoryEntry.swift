/// One entry of a directory listing, without `.` and `..`.
public struct SFTPDirectoryEntry: Sendable, Hashable {
    /// The entry's name (a single component).
    public var name: String
    /// The entry's attributes, as `LSTAT` would report them.
    public var attributes: SFTPAttributes
    /// Owner shown in the `ls -l` style long name; the numeric user id when `nil`.
    public var owner: String?
    /// Group shown in the `ls -l` style long name; the numeric group id when `nil`.
    public var group: String?

    /// An entry; owner and group default to the numeric ids in `attributes`.
    public init(name: String, attributes: SFTPAttributes, owner: String? = nil, group: String? = nil) {
        self.name = name
        self.attributes = attributes
        self.owner = owner
        self.group = group
    }
}
