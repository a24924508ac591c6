/// Handlers of `OPENDIR` and `READDIR`.
extension SFTPSession {
    /// Room kept free in a `NAME` reply for one more entry's attributes and length fields.
    private static let entryOverhead = 64

    func opendir(id: UInt32, _ path: VirtualPath) throws(SFTPRequestFailure) {
        guard !handles.isFull else { throw .tooManyOpenHandles(limit: handles.limit) }
        let entries = try fileSystemCall { () throws(SFTPFileSystemError) in try fileSystem.listDirectory(path) }
        let handleID = handles.insert(.directory(SFTPOpenDirectory(path: path, entries: entries)))
        replyHandle(id: id, handleID)
    }

    /// Sends the next entries, up to `maxDirectoryEntriesPerReply` and as many as fit in one packet, then `EOF`.
    func readdir(id: UInt32, _ handleID: SFTPHandleID) throws(SFTPRequestFailure) {
        let directory = try handles.directory(handleID)
        guard directory.position < directory.entries.count else { throw .endOfFile }
        let now = now
        let budget = Int(limits.maxPacketLength)
        output.beginPacket(.name)
        output.appendUInt32(id)
        let countField = output.count
        output.appendUInt32(0)
        var count: UInt32 = 0
        while directory.position < directory.entries.count, count < limits.maxDirectoryEntriesPerReply {
            let entry = directory.entries[directory.position]
            let longName = SFTPLongName.format(entry, now: now)
            let size = entry.name.utf8.count + longName.utf8.count + Self.entryOverhead
            // The first entry always goes out, so a listing can never stall on one oversized name.
            if count > 0 && output.currentPacketLength + size > budget { break }
            output.appendString(entry.name)
            output.appendString(longName)
            entry.attributes.encode(into: output)
            directory.position += 1
            count += 1
        }
        output.setUInt32(count, at: countField)
        output.endPacket()
    }
}
