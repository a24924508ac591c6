/// The extensions advertised in the `VERSION` reply, in OpenSSH's order, with OpenSSH's version strings.
///
/// `hardlink@openssh.com` is deliberately absent: a hard link could make an upload appear under a second name the
/// intake never sees. `lsetstat`, `expand-path`, `copy-data`, `home-directory` and `users-groups-by-id` are not
/// implemented; clients fall back without them.
enum SFTPExtension {
    static let posixRename = "posix-rename@openssh.com"
    static let statvfs = "statvfs@openssh.com"
    static let fstatvfs = "fstatvfs@openssh.com"
    static let hardlink = "hardlink@openssh.com"
    static let fsync = "fsync@openssh.com"
    static let limits = "limits@openssh.com"

    /// Name and version of each advertised extension.
    static let advertised: [(name: String, version: String)] = [
        (posixRename, "1"),
        (statvfs, "2"),
        (fstatvfs, "2"),
        (fsync, "1"),
        (limits, "1"),
    ]
}
