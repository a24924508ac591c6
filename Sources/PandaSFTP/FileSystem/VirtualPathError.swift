/// Why a client's path was refused before reaching the file system; answered with `SSH_FX_BAD_MESSAGE`.
public enum VirtualPathError: Error, Sendable, Hashable {
    /// The path contains a NUL byte, which no file name can.
    case containsNUL
    /// The path is not valid UTF-8.
    case invalidUTF8
    /// A component is longer than `VirtualPath.maxComponentLength` bytes.
    case componentTooLong
    /// The normalised path is longer than `VirtualPath.maxPathLength` bytes.
    case tooLong
    /// A name given to `appending` is empty, `.`, `..` or contains `/`.
    case invalidName

    /// A sentence for the user.
    public var message: String {
        switch self {
        case .containsNUL: "file names must not contain NUL bytes"
        case .invalidUTF8: "file names must be valid UTF-8"
        case .componentTooLong: "file name too long: at most \(VirtualPath.maxComponentLength) bytes"
        case .tooLong: "path too long: at most \(VirtualPath.maxPathLength) bytes"
        case .invalidName: "invalid file name"
        }
    }
}
