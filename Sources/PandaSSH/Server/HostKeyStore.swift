import CLibSSH
import Foundation

/// The kinds of host key the server presents, one file each.
public enum SSHHostKeyType: String, Sendable, CaseIterable {
    case ed25519, ecdsa, rsa

    /// The file name in the host-key directory (the names sshd uses).
    public var fileName: String { "ssh_host_\(rawValue)_key" }

    /// The type as `ssh-keygen -l` prints it in parentheses.
    public var label: String { rawValue.uppercased() }

    var libsshType: ssh_keytypes_e {
        switch self {
        case .ed25519: SSH_KEYTYPE_ED25519
        case .ecdsa: SSH_KEYTYPE_ECDSA_P256
        case .rsa: SSH_KEYTYPE_RSA
        }
    }

    /// RSA 3072 as `ssh-keygen` generates by default; ECDSA is always P-256 here.
    var generationParameter: Int32 { self == .rsa ? 3072 : 0 }

    func matches(algorithm: String) -> Bool {
        switch self {
        case .ed25519: algorithm == "ssh-ed25519"
        case .ecdsa: algorithm.hasPrefix("ecdsa-sha2-")
        case .rsa: algorithm == "ssh-rsa"
        }
    }
}

/// One host key as an administrator sees it (`panda account show`).
public struct SSHHostKeyInfo: Sendable, Equatable, CustomStringConvertible {
    /// Which of the three host keys this is.
    public let type: SSHHostKeyType
    /// The key type name, e.g. `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`.
    public let algorithm: String
    /// Size in bits as `ssh-keygen -l` prints it.
    public let bits: Int
    /// `SHA256:…`, byte for byte as `ssh-keygen -lf` prints it.
    public let fingerprint: String
    /// The private key file.
    public let path: String

    /// `256 SHA256:… (ED25519)`, the `ssh-keygen -l` layout without the comment.
    public var description: String { "\(bits) \(fingerprint) (\(type.label))" }
}

/// Host keys on disk: generated with libssh on first start (mode 0600, OpenSSH format), reused afterwards.
public enum SSHHostKeys {
    /// Loads every host key in `directory`, generating the missing ones (and the directory, mode 0700).
    public static func prepare(in directory: String) throws -> [SSHHostKeyInfo] {
        try HostKeyStore(directory: directory).loadOrCreate().map(\.info)
    }

    /// The keys that already exist in `directory`, without generating anything (for `panda account show`).
    public static func fingerprints(in directory: String) throws -> [SSHHostKeyInfo] {
        try HostKeyStore(directory: directory).loadExisting().map(\.info)
    }
}

/// Loads and creates the host-key files of one directory.
struct HostKeyStore {
    static let comment = "panda-host-key"

    let directory: String

    struct Loaded {
        let info: SSHHostKeyInfo
        let key: LibSSHKey
    }

    func loadExisting() throws -> [Loaded] {
        try SSHHostKeyType.allCases.compactMap { type in
            let path = self.path(of: type)
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            return try load(type, path: path)
        }
    }

    func loadOrCreate() throws -> [Loaded] {
        try createDirectory()
        return try SSHHostKeyType.allCases.map { type in
            let path = self.path(of: type)
            if !FileManager.default.fileExists(atPath: path) {
                try generate(type, path: path)
            }
            let loaded = try load(type, path: path)
            try writePublicKeyIfMissing(loaded)
            return loaded
        }
    }

    func path(of type: SSHHostKeyType) -> String {
        (directory as NSString).appendingPathComponent(type.fileName)
    }

    private func createDirectory() throws {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw SSHServerError.hostKeyDirectory(path: directory, reason: "\(error.localizedDescription)")
        }
    }

    private func load(_ type: SSHHostKeyType, path: String) throws -> Loaded {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw SSHServerError.hostKeyUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        // sshd refuses private keys others can read; so do we, rather than silently tightening the mode.
        let mode = UInt32(status.st_mode) & 0o777
        guard mode & 0o077 == 0 else { throw SSHServerError.hostKeyUnprotected(path: path, mode: mode) }

        let key = try LibSSHKey.importPrivateKey(path: path)
        let algorithm = key.typeName
        guard type.matches(algorithm: algorithm) else {
            throw SSHServerError.hostKeyUnreadable(path: path, reason: "holds a \(algorithm) key, not \(type.label)")
        }
        let base64 = try key.base64()
        let bits = SSHPublicKeyBlob.bits(ofBlob: Array(Data(base64Encoded: base64) ?? Data()))
        let info = SSHHostKeyInfo(
            type: type, algorithm: algorithm, bits: bits, fingerprint: try key.fingerprint(),
            path: path)
        return Loaded(info: info, key: key)
    }

    private func generate(_ type: SSHHostKeyType, path: String) throws {
        do {
            let key = try LibSSHKey.generate(type.libsshType, parameter: type.generationParameter)
            let text = try OpenSSHPrivateKeyFile.render(key, comment: Self.comment)
            try HostKeyFile.createExclusively(path: path, contents: Array(text.utf8), mode: 0o600)
        } catch let error as SSHServerError {
            throw SSHServerError.hostKeyGeneration(path: path, reason: error.description)
        } catch {
            throw SSHServerError.hostKeyGeneration(path: path, reason: "\(error)")
        }
    }

    private func writePublicKeyIfMissing(_ loaded: Loaded) throws {
        let path = loaded.info.path + ".pub"
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let line = "\(loaded.info.algorithm) \(try loaded.key.base64()) \(Self.comment)\n"
        try HostKeyFile.createExclusively(path: path, contents: Array(line.utf8), mode: 0o644)
    }
}

/// Creates key files so that a crash or a second process never leaves a half-written key behind.
enum HostKeyFile {
    /// Writes `contents` to a temporary file, fsyncs it and links it into place; if another process created
    /// `path` meanwhile, its file wins and ours is discarded.
    static func createExclusively(path: String, contents: [UInt8], mode: mode_t) throws {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: .min ... .max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure("open", temporary) }
        defer { unlink(temporary) }
        var written = 0
        while written < contents.count {
            let n = contents.withUnsafeBytes { write(fd, $0.baseAddress! + written, contents.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                close(fd)
                throw failure("write", temporary)
            }
            written += n
        }
        guard fchmod(fd, mode) == 0, fsync(fd) == 0 else {
            close(fd)
            throw failure("fsync", temporary)
        }
        close(fd)
        if link(temporary, path) != 0 && errno != EEXIST {
            throw failure("link", path)
        }
        let directory = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    private static func failure(_ call: String, _ path: String) -> SSHServerError {
        .hostKeyGeneration(path: path, reason: "\(call): \(String(cString: strerror(errno)))")
    }
}
