/// Handlers of requests on files and file handles: `OPEN`, `CLOSE`, `READ`, `WRITE`, `FSTAT`, `FSETSTAT`, `fsync`.
extension SFTPSession {
    func open(id: UInt32, _ path: VirtualPath, _ flags: SFTPOpenFlags, _ attributes: SFTPAttributes)
        throws(SFTPRequestFailure)
    {
        // Checked before opening: an open that truncates must not happen when its handle cannot be kept.
        guard !handles.isFull else { throw .tooManyOpenHandles(limit: handles.limit) }
        let handle = try fileSystemCall { () throws(SFTPFileSystemError) in
            try fileSystem.openFile(path, flags: flags, attributes: attributes)
        }
        let handleID = handles.insert(.file(SFTPOpenFile(handle: handle, path: path, flags: flags)))
        observer?.record(.fileOpened(path, flags: flags))
        replyHandle(id: id, handleID)
    }

    func close(id: UInt32, _ handleID: SFTPHandleID) throws(SFTPRequestFailure) {
        guard let item = handles.remove(handleID) else { throw .invalidHandle }
        guard case .file(let file) = item else {
            replyOK(id: id)
            return
        }
        do {
            try file.handle.close()
        } catch {
            // The handle is gone either way; the client learns why its upload did not count.
            observer?.record(.fileClosed(file.transfer(.closeFailed(error))))
            throw .fileSystem(error)
        }
        observer?.record(.fileClosed(file.transfer(.closed)))
        replyOK(id: id)
    }

    /// Reads straight into the `DATA` reply: no intermediate buffer, no allocation once the output has grown.
    func read(id: UInt32, _ handleID: SFTPHandleID, offset: UInt64, length: UInt32) throws(SFTPRequestFailure) {
        let file = try handles.file(handleID)
        let length = Int(min(length, limits.maxReadLength))
        output.beginPacket(.data)
        output.appendUInt32(id)
        let lengthField = output.count
        output.appendUInt32(0)
        let space = output.writableSpace(length: length)
        let count: Int
        do {
            count = length == 0 ? 0 : try file.handle.read(into: space, at: offset)
        } catch {
            output.cancelPacket()
            throw .fileSystem(error)
        }
        // A zero-length READ gets an empty DATA, as OpenSSH answers it; otherwise nothing read means end of file.
        guard count > 0 || length == 0 else {
            output.cancelPacket()
            throw .endOfFile
        }
        let claimed = min(max(count, 0), length)
        output.commitWritten(claimed)
        output.setUInt32(UInt32(claimed), at: lengthField)
        output.endPacket()
        file.bytesRead &+= UInt64(claimed)
    }

    /// Writes the data where it lies in the input: the packet is not copied on its way to the file system.
    func write(id: UInt32, _ handleID: SFTPHandleID, offset: UInt64, data: UnsafeRawBufferPointer)
        throws(SFTPRequestFailure)
    {
        let file = try handles.file(handleID)
        try fileSystemCall { () throws(SFTPFileSystemError) in try file.handle.write(data, at: offset) }
        file.bytesWritten &+= UInt64(data.count)
        replyOK(id: id)
    }

    func fstat(id: UInt32, _ handleID: SFTPHandleID) throws(SFTPRequestFailure) {
        let file = try handles.file(handleID)
        let attributes = try fileSystemCall { () throws(SFTPFileSystemError) in try file.handle.attributes() }
        replyAttributes(id: id, attributes)
    }

    func fsetstat(id: UInt32, _ handleID: SFTPHandleID, _ attributes: SFTPAttributes) throws(SFTPRequestFailure) {
        let file = try handles.file(handleID)
        try fileSystemCall { () throws(SFTPFileSystemError) in try file.handle.setAttributes(attributes) }
        replyOK(id: id)
    }

    func fsync(id: UInt32, _ handleID: SFTPHandleID) throws(SFTPRequestFailure) {
        let file = try handles.file(handleID)
        try fileSystemCall { () throws(SFTPFileSystemError) in try file.handle.synchronize() }
        replyOK(id: id)
    }

    func fstatvfs(id: UInt32, _ handleID: SFTPHandleID) throws(SFTPRequestFailure) {
        let file = try handles.file(handleID)
        let statistics = try fileSystemCall { () throws(SFTPFileSystemError) in
            try fileSystem.statistics(for: file.path)
        }
        replyStatistics(id: id, statistics)
    }
}
