import PandaCore

/// Where an account's folders appear in its SFTP tree, as `account set --inbound-folder /upload` changes it.
///
/// Only the virtual paths change: the files stay in the same folders under the data directory, so a renamed
/// folder shows everything it held before, and sessions opened afterwards see the new paths.
enum FolderLayoutChange {
    /// The `account set` option of each folder.
    static let options: [(name: String, folder: WritableKeyPath<FolderLayout, String> & Sendable)] = [
        ("outbound-folder", \.outbound), ("archive-folder", \.archive), ("inbound-folder", \.inbound),
        ("validate-folder", \.validate), ("results-folder", \.results),
    ]

    /// Longest folder path accepted, in bytes (a folder is a short, fixed place, not a data path).
    static let maxLength = 255

    /// The folder path `text` names, normalised (`/upload/` → `/upload`); throws saying what is wrong.
    static func path(_ text: String, option: String) throws(FolderLayoutError) -> String {
        guard text.hasPrefix("/") else { throw .notAbsolute(text, option: option) }
        let components = text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !components.isEmpty else { throw .root(option: option) }
        for component in components {
            if component == "." || component == ".." { throw .dotComponent(text, option: option) }
            if component.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw .controlCharacter(option: option)
            }
        }
        let normalised = "/" + components.joined(separator: "/")
        guard normalised.utf8.count <= maxLength else { throw .tooLong(option: option, limit: maxLength) }
        return normalised
    }

    /// Checks the folders fit together: all different, and none inside `/inbound` or `/validate`, where a
    /// client's file could take the folder's name.
    static func validate(_ layout: FolderLayout) throws(FolderLayoutError) {
        let named = options.map { (option: $0.name, path: layout[keyPath: $0.folder]) }
        for (index, first) in named.enumerated() {
            for second in named[(index + 1)...] where first.path == second.path {
                throw .samePath(first.path, first.option, second.option)
            }
        }
        for writable in named where writable.option == "inbound-folder" || writable.option == "validate-folder" {
            for other in named where other.path.hasPrefix(writable.path + "/") {
                throw .insideWritableFolder(other.path, option: other.option, writable: writable.path)
            }
        }
    }
}

/// A folder path an operator gave that cannot be used, with what to give instead.
public enum FolderLayoutError: UserFacingError, Equatable {
    case notAbsolute(String, option: String)
    case root(option: String)
    case dotComponent(String, option: String)
    case controlCharacter(option: String)
    case tooLong(option: String, limit: Int)
    case samePath(String, String, String)
    case insideWritableFolder(String, option: String, writable: String)

    public var message: String {
        switch self {
        case .notAbsolute(let text, let option): "--\(option) \"\(text)\" must start with /, e.g. /upload"
        case .root(let option): "--\(option) cannot be / itself; name a folder, e.g. /upload"
        case .dotComponent(let text, let option): "--\(option) \"\(text)\" must not contain . or .. components"
        case .controlCharacter(let option): "--\(option) must not contain control characters"
        case .tooLong(let option, let limit): "--\(option) is longer than \(limit) bytes"
        case .samePath(let path, let first, let second):
            "--\(first) and --\(second) would both be \(path); each folder needs its own path"
        case .insideWritableFolder(let path, let option, let writable):
            "--\(option) \(path) lies inside \(writable), where institutions upload files; choose a path outside it"
        }
    }
}
