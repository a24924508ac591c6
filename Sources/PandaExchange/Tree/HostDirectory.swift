import Foundation

/// A host directory held open by descriptor. Every access below it goes through `*at` calls with
/// `O_NOFOLLOW`/`AT_SYMLINK_NOFOLLOW` on single names, so no path string is ever joined onto a host
/// path and no symbolic link is ever followed (a planted link behaves as a missing file).
final class HostDirectory: @unchecked Sendable {
    // Sendable: the descriptor is immutable after init and the `*at` calls are thread-safe.
    let descriptor: Int32

    /// Opens (creating when asked) the directory at an absolute host path, e.g. an account's root.
    init(path: String, create: Bool) throws(HostError) {
        if create {
            _ = try? FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        descriptor = try hostCall("open \(path)") { open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
    }

    /// Opens (creating when asked) the subdirectory `name` of `parent`.
    init(in parent: HostDirectory, name: String, create: Bool) throws(HostError) {
        precondition(Self.isSingleName(name))
        if create {
            if mkdirat(parent.descriptor, name, 0o700) != 0 && errno != EEXIST {
                throw HostError(operation: "mkdir \(name)", code: errno)
            }
        }
        descriptor = try hostCall("open \(name)") {
            openat(parent.descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
    }

    deinit { close(descriptor) }

    /// The entry's status without following links; nil when absent.
    func status(of name: String) throws(HostError) -> stat? {
        var info = stat()
        if fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 { return info }
        if errno == ENOENT { return nil }
        throw HostError(operation: "stat \(name)", code: errno)
    }

    /// Opens a file below this directory; `O_NOFOLLOW` and `O_CLOEXEC` are always added.
    func openFile(_ name: String, flags: Int32, mode: mode_t = 0o600) throws(HostError) -> Int32 {
        precondition(Self.isSingleName(name))
        return try hostCall("open \(name)") { openat(descriptor, name, flags | O_NOFOLLOW | O_CLOEXEC, mode) }
    }

    /// Moves `name` to `target/newName`; with `replace` false an existing target fails with EEXIST.
    func rename(_ name: String, to target: HostDirectory, as newName: String, replace: Bool) throws(HostError) {
        precondition(Self.isSingleName(name) && Self.isSingleName(newName))
        if replace {
            try hostCall("rename \(name)") { renameat(descriptor, name, target.descriptor, newName) }
        } else {
            // renameat2(RENAME_NOREPLACE) is not visible to Swift; link-then-unlink gives the same
            // guarantee: linkat fails with EEXIST instead of replacing the target.
            try hostCall("link \(name)") { linkat(descriptor, name, target.descriptor, newName, 0) }
            try hostCall("unlink \(name)") { unlinkat(descriptor, name, 0) }
        }
    }

    /// Adds a second name for the same file (used for the archive copy of a published roster).
    func link(_ name: String, into target: HostDirectory, as newName: String) throws(HostError) {
        try hostCall("link \(name)") { linkat(descriptor, name, target.descriptor, newName, 0) }
    }

    func remove(_ name: String) throws(HostError) {
        precondition(Self.isSingleName(name))
        try hostCall("unlink \(name)") { unlinkat(descriptor, name, 0) }
    }

    /// Makes renames and creations in this directory durable.
    func synchronize() throws(HostError) {
        try hostCall("fsync directory") { fsync(descriptor) }
    }

    /// The names in this directory (without `.` and `..`) with their status; entries that vanish meanwhile are skipped.
    func entries() throws(HostError) -> [(name: String, status: stat)] {
        let copy = try hostCall("dup") { dup(descriptor) }
        guard let stream = fdopendir(copy) else {
            let code = errno
            close(copy)
            throw HostError(operation: "opendir", code: code)
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var result: [(String, stat)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            if let info = try? status(of: name) { result.append((name, info)) }
        }
        return result
    }

    /// File-system space figures (for `statvfs@openssh.com`).
    func spaceStatistics() throws(HostError) -> statvfs {
        var info = statvfs()
        try hostCall("fstatvfs") { fstatvfs(descriptor, &info) }
        return info
    }

    static func isSingleName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.utf8.contains(UInt8(ascii: "/"))
            && !name.utf8.contains(0)
    }
}
