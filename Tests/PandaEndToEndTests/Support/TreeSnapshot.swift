import Foundation

/// Every file and folder under a directory with its size, modification time and content, to prove that a
/// test changed nothing there. Symbolic links are recorded, never followed.
struct TreeSnapshot: Equatable, CustomStringConvertible {
    /// One entry, by path relative to the snapshot's root.
    struct Entry: Equatable {
        let kind: String
        let size: Int
        let modified: Date
        let content: Data?
    }

    let entries: [String: Entry]

    /// Records `root`, leaving out paths (relative to `root`) that start with one of `excluding`.
    init(of root: String, excluding: [String] = []) {
        var entries: [String: Entry] = [:]
        let manager = FileManager.default
        let enumerator = manager.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            if excluding.contains(where: { relative == $0 || relative.hasPrefix($0 + "/") }) { continue }
            let path = root + "/" + relative
            guard let attributes = try? manager.attributesOfItem(atPath: path) else { continue }
            let type = attributes[.type] as? FileAttributeType
            let kind =
                switch type {
                case .typeDirectory?: "directory"
                case .typeSymbolicLink?: "symlink"
                case .typeRegular?: "file"
                default: "other"
                }
            entries[relative] = Entry(
                kind: kind, size: (attributes[.size] as? Int) ?? 0,
                modified: (attributes[.modificationDate] as? Date) ?? .distantPast,
                content: kind == "file" ? manager.contents(atPath: path) : nil)
        }
        self.entries = entries
    }

    var description: String { entries.keys.sorted().joined(separator: "\n") }

    /// Paths that appeared, disappeared or changed since `earlier`.
    func changes(since earlier: TreeSnapshot) -> [String] {
        Set(entries.keys).union(earlier.entries.keys).filter { entries[$0] != earlier.entries[$0] }.sorted()
    }
}
