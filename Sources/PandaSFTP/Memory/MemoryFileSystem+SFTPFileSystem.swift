/// The file operations of the in-memory tree, with the errors a real file system would give.
extension MemoryFileSystem: SFTPFileSystem {
    public func authorize(_ access: SFTPAccess, path: VirtualPath) throws(SFTPFileSystemError) {
        guard access.modifiesTree else { return }
        for folder in readOnlyFolders {
            if path.isDescendant(of: folder) { throw .permissionDenied("\(folder) is read-only") }
            // Removing or moving an ancestor would take the read-only folder with it.
            let movesAncestor = access == .renameSource || access == .removeDirectory || access == .remove
            if movesAncestor && folder.isDescendant(of: path) { throw .permissionDenied("\(folder) is read-only") }
        }
    }

    public func attributes(of path: VirtualPath) throws(SFTPFileSystemError) -> SFTPAttributes {
        guard let node = nodes[path] else { throw .noSuchFile }
        return Self.attributes(of: node)
    }

    public func openFile(_ path: VirtualPath, flags: SFTPOpenFlags, attributes: SFTPAttributes)
        throws(SFTPFileSystemError) -> any SFTPFileHandle
    {
        let existing = nodes[path]
        if case .directory = existing { throw .isADirectory }
        if existing != nil && flags.contains(.create) && flags.contains(.exclusive) { throw .alreadyExists }
        guard flags.modifiesFile else {
            guard case .file(let file) = existing else { throw .noSuchFile }
            return MemoryFileHandle(fileSystem: self, path: path, flags: flags, reading: file)
        }
        try authorize(.write, path: path)
        if existing == nil {
            guard flags.contains(.create) else { throw .noSuchFile }
            try requireDirectory(path.parent)
        }
        var staged: [UInt8] = []
        var permissions = (attributes.permissions ?? 0o644) & 0o7777
        if case .file(let file) = existing {
            if !flags.contains(.truncate) { staged = file.contents }
            permissions = file.permissions
        }
        return MemoryFileHandle(fileSystem: self, path: path, flags: flags, staged: staged, permissions: permissions)
    }

    public func listDirectory(_ path: VirtualPath) throws(SFTPFileSystemError) -> [SFTPDirectoryEntry] {
        try requireDirectory(path)
        let depth = path.components.count + 1
        return nodes.compactMap { entryPath, node -> SFTPDirectoryEntry? in
            guard entryPath.components.count == depth, entryPath.isDescendant(of: path), let name = entryPath.name
            else { return nil }
            return SFTPDirectoryEntry(name: name, attributes: Self.attributes(of: node), owner: owner, group: owner)
        }.sorted { $0.name < $1.name }
    }

    public func removeFile(_ path: VirtualPath) throws(SFTPFileSystemError) {
        try authorize(.remove, path: path)
        switch nodes[path] {
        case nil: throw .noSuchFile
        case .directory: throw .isADirectory
        case .file: nodes[path] = nil
        }
    }

    public func makeDirectory(_ path: VirtualPath, attributes: SFTPAttributes) throws(SFTPFileSystemError) {
        try authorize(.makeDirectory, path: path)
        guard nodes[path] == nil else { throw .alreadyExists }
        try requireDirectory(path.parent)
        let now = self.now
        let permissions = (attributes.permissions ?? 0o755) & 0o7777
        nodes[path] = .directory(DirectoryNode(permissions: permissions, accessTime: now, modificationTime: now))
    }

    public func removeDirectory(_ path: VirtualPath) throws(SFTPFileSystemError) {
        try authorize(.removeDirectory, path: path)
        guard !path.isRoot else { throw .permissionDenied("/ cannot be removed") }
        switch nodes[path] {
        case nil: throw .noSuchFile
        case .file: throw .notADirectory
        case .directory:
            guard !nodes.keys.contains(where: { $0 != path && $0.isDescendant(of: path) }) else { throw .notEmpty }
            nodes[path] = nil
        }
    }

    public func rename(_ source: VirtualPath, to target: VirtualPath, replacingExisting: Bool)
        throws(SFTPFileSystemError)
    {
        try authorize(.renameSource, path: source)
        try authorize(.renameTarget, path: target)
        guard let node = nodes[source] else { throw .noSuchFile }
        guard !source.isRoot, !target.isRoot else { throw .permissionDenied("/ cannot be renamed") }
        if source == target {
            if replacingExisting { return }
            throw .alreadyExists
        }
        guard !target.isDescendant(of: source) else { throw .failure("a directory cannot be moved into itself") }
        try requireDirectory(target.parent)
        if let existing = nodes[target] {
            guard replacingExisting else { throw .alreadyExists }
            switch (node, existing) {
            case (.file, .directory): throw .isADirectory
            case (.directory, .file): throw .notADirectory
            case (.directory, .directory):
                guard !nodes.keys.contains(where: { $0 != target && $0.isDescendant(of: target) }) else {
                    throw .notEmpty
                }
            case (.file, .file): break
            }
        }
        // Work out every new path before changing anything, so a name that cannot be formed leaves the tree intact.
        var moves: [(from: VirtualPath, to: VirtualPath, node: Node)] = []
        for (path, movedNode) in nodes where path.isDescendant(of: source) {
            var newPath = target
            for component in path.components.dropFirst(source.components.count) {
                do {
                    newPath = try newPath.appending(component)
                } catch {
                    throw .invalidName(error.message)
                }
            }
            moves.append((path, newPath, movedNode))
        }
        for move in moves { nodes[move.from] = nil }
        for move in moves { nodes[move.to] = move.node }
    }

    public func setAttributes(_ attributes: SFTPAttributes, of path: VirtualPath) throws(SFTPFileSystemError) {
        try authorize(.changeAttributes, path: path)
        switch nodes[path] {
        case nil:
            throw .noSuchFile
        case .file(let file):
            if let size = attributes.size {
                try checkSize(size, replacing: UInt64(file.contents.count))
                Self.resize(&file.contents, to: Int(size))
            }
            if let permissions = attributes.permissions { file.permissions = permissions & 0o7777 }
            if let times = attributes.times {
                file.accessTime = times.accessTime
                file.modificationTime = times.modificationTime
            }
        case .directory(var directory):
            if let permissions = attributes.permissions { directory.permissions = permissions & 0o7777 }
            if let times = attributes.times {
                directory.accessTime = times.accessTime
                directory.modificationTime = times.modificationTime
            }
            nodes[path] = .directory(directory)
        }
    }

    public func statistics(for path: VirtualPath) throws(SFTPFileSystemError) -> SFTPFileSystemStatistics {
        guard nodes[path] != nil else { throw .noSuchFile }
        let blockSize: UInt64 = 4096
        let total = (quota ?? (1 << 40)) / blockSize
        let used = (usedBytes + blockSize - 1) / blockSize
        let free = total > used ? total - used : 0
        return SFTPFileSystemStatistics(
            blockSize: blockSize, fragmentSize: blockSize, totalBlocks: total, freeBlocks: free,
            availableBlocks: free, totalFileNodes: 1 << 20, freeFileNodes: (1 << 20) - UInt64(nodes.count),
            availableFileNodes: (1 << 20) - UInt64(nodes.count))
    }
}
