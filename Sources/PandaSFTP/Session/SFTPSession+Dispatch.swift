extension SFTPSession {
    /// Looks the request up in the table, decodes it, runs the one permission check, then its handler.
    func handleRequest(type: UInt8, id: UInt32, reader: inout SFTPPacketReader) {
        let route: SFTPRequestRoute
        if type == SFTPPacketType.extended.rawValue {
            let name: UnsafeRawBufferPointer
            do {
                name = try reader.requestString()
            } catch {
                replyFailure(id: id, error)
                return
            }
            guard let extended = SFTPRequestTable.extendedRoute(named: name) else {
                replyFailure(id: id, .unsupportedRequest("extension \"\(Self.printable(name))\""))
                return
            }
            route = extended
        } else {
            guard let known = SFTPRequestTable.route(for: type) else {
                replyFailure(id: id, .unsupportedRequest("request type \(type)"))
                return
            }
            route = known
        }

        let request: SFTPRequest
        do {
            request = try route.decode(&reader)
        } catch {
            replyFailure(id: id, error)
            return
        }
        do {
            try authorize(request, as: route.access)
        } catch {
            let (code, message) = replyFailure(id: id, error)
            if error != .invalidHandle {
                observer?.record(.refused(request: route.name, path: request.paths.0, status: code, message: message))
            }
            return
        }
        do {
            try perform(request, id: id)
        } catch {
            replyFailure(id: id, error)
        }
    }

    /// The one permission check, run before any handler: the table's access column applied to the request.
    func authorize(_ request: SFTPRequest, as access: SFTPRequestAccess) throws(SFTPRequestFailure) {
        switch access {
        case .none:
            return
        case .refused(let error):
            throw .fileSystem(error)
        case .path(let access):
            guard let path = request.paths.0 else { throw .malformedRequest }
            try authorize(access, path)
        case .rename:
            guard let source = request.paths.0, let target = request.paths.1 else { throw .malformedRequest }
            try authorize(.renameSource, source)
            try authorize(.renameTarget, target)
        case .open:
            guard case .open(let path, let flags, _) = request else { throw .malformedRequest }
            if flags.allowsReading { try authorize(.read, path) }
            if flags.modifiesFile { try authorize(.write, path) }
        case .fileHandle(let use):
            let file = try handles.file(request.handle ?? .invalid)
            switch use {
            case .reading where !file.flags.allowsReading: throw .notOpenForReading
            case .writing where !file.flags.allowsWriting: throw .notOpenForWriting
            default: return
            }
        case .directoryHandle:
            _ = try handles.directory(request.handle ?? .invalid)
        case .anyHandle:
            guard handles.item(request.handle ?? .invalid) != nil else { throw .invalidHandle }
        }
    }

    private func authorize(_ access: SFTPAccess, _ path: VirtualPath) throws(SFTPRequestFailure) {
        do {
            try fileSystem.authorize(access, path: path)
        } catch {
            throw .fileSystem(error)
        }
    }

    /// Runs the handler of an authorised request; every path sends exactly one reply or throws.
    func perform(_ request: SFTPRequest, id: UInt32) throws(SFTPRequestFailure) {
        switch request {
        case .open(let path, let flags, let attributes): try open(id: id, path, flags, attributes)
        case .close(let handle): try close(id: id, handle)
        case .read(let handle, let offset, let length): try read(id: id, handle, offset: offset, length: length)
        case .write(let handle, let offset, let data): try write(id: id, handle, offset: offset, data: data)
        case .stat(let path): try stat(id: id, path)
        case .fstat(let handle): try fstat(id: id, handle)
        case .setstat(let path, let attributes): try setstat(id: id, path, attributes)
        case .fsetstat(let handle, let attributes): try fsetstat(id: id, handle, attributes)
        case .opendir(let path): try opendir(id: id, path)
        case .readdir(let handle): try readdir(id: id, handle)
        case .remove(let path): try remove(id: id, path)
        case .mkdir(let path, let attributes): try mkdir(id: id, path, attributes)
        case .rmdir(let path): try rmdir(id: id, path)
        case .realpath(let path): realpath(id: id, path)
        case .rename(let source, let target, let replacing): try rename(id: id, source, target, replacing: replacing)
        case .statvfs(let path): try statvfs(id: id, path)
        case .fstatvfs(let handle): try fstatvfs(id: id, handle)
        case .fsync(let handle): try fsync(id: id, handle)
        case .limits: replyLimits(id: id)
        case .refused: throw .unsupportedRequest("refused")
        }
    }

    /// Runs a file system call, tagging its error for the status mapping.
    func fileSystemCall<T>(_ body: () throws(SFTPFileSystemError) -> T) throws(SFTPRequestFailure) -> T {
        do {
            return try body()
        } catch {
            throw .fileSystem(error)
        }
    }

    /// A client-sent name safe to echo in a message: at most 100 characters, control characters replaced.
    static func printable(_ bytes: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: bytes.prefix(400), as: UTF8.self)
        return String(
            text.unicodeScalars.prefix(100).map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    }
}
