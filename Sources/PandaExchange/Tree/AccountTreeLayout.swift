import PandaCore
import PandaSFTP

/// Maps an account's virtual paths (its `FolderLayout`) onto folders: which paths are directories,
/// which folder a file lies in. Pure: no host access.
struct AccountTreeLayout {
    /// What a virtual path names.
    enum Node: Equatable {
        /// A directory: one of the folders, or a parent that only exists to hold folders (like `/`).
        case directory(VirtualPath, AccountFolder?)
        case file(AccountFolder, name: String)
    }

    private let folderPaths: [AccountFolder: VirtualPath]
    private let directories: Set<VirtualPath>

    init(_ layout: FolderLayout) {
        var paths: [AccountFolder: VirtualPath] = [:]
        for folder in AccountFolder.allCases {
            let text =
                switch folder {
                case .outbound: layout.outbound
                case .archive: layout.archive
                case .inbound: layout.inbound
                case .validate: layout.validate
                case .results: layout.results
                }
            paths[folder] = (try? VirtualPath(text)) ?? .root
        }
        var dirs: Set<VirtualPath> = [.root]
        for path in paths.values {
            var p = path
            while !p.isRoot {
                dirs.insert(p)
                p = p.parent
            }
        }
        folderPaths = paths
        directories = dirs
    }

    func path(of folder: AccountFolder) -> VirtualPath { folderPaths[folder] ?? .root }

    func folder(at path: VirtualPath) -> AccountFolder? {
        folderPaths.first(where: { $0.value == path })?.key
    }

    /// What `path` names, or nil when nothing can be there.
    func resolve(_ path: VirtualPath) -> Node? {
        if directories.contains(path) { return .directory(path, folder(at: path)) }
        guard let name = path.name, let folder = folder(at: path.parent) else { return nil }
        return .file(folder, name: name)
    }

    /// The directories directly inside `path` that exist only in the virtual tree (folders and their parents).
    func childDirectories(of path: VirtualPath) -> [String] {
        directories.filter { !$0.isRoot && $0.parent == path }.compactMap(\.name).sorted()
    }
}
