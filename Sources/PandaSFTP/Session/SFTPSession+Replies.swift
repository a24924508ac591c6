/// Encoders of the reply packets (filexfer-02 §7), all written into the session's one output buffer.
extension SFTPSession {
    func replyVersion() {
        output.beginPacket(.version)
        output.appendUInt32(SFTPProtocolVersion.current)
        for (name, version) in SFTPExtension.advertised {
            output.appendString(name)
            output.appendString(version)
        }
        output.endPacket()
    }

    func replyStatus(id: UInt32, _ code: SFTPStatusCode, _ message: String) {
        output.beginPacket(.status)
        output.appendUInt32(id)
        output.appendUInt32(code.rawValue)
        if statusCarriesMessage {
            output.appendString(message)
            output.appendString("")  // language tag
        }
        output.endPacket()
    }

    func replyOK(id: UInt32) {
        replyStatus(id: id, .ok, SFTPStatusCode.ok.defaultMessage)
    }

    /// Answers a failed request with its mapped status; returns the code and message sent.
    @discardableResult
    func replyFailure(id: UInt32, _ failure: SFTPRequestFailure) -> (code: SFTPStatusCode, message: String) {
        let (code, message) = SFTPStatusMapping.status(for: failure)
        replyStatus(id: id, code, message)
        return (code, message)
    }

    func replyHandle(id: UInt32, _ handle: SFTPHandleID) {
        output.beginPacket(.handle)
        output.appendUInt32(id)
        handle.encode(into: output)
        output.endPacket()
    }

    func replyAttributes(id: UInt32, _ attributes: SFTPAttributes) {
        output.beginPacket(.attributes)
        output.appendUInt32(id)
        attributes.encode(into: output)
        output.endPacket()
    }

    func replyNames(id: UInt32, _ names: [(name: String, longName: String, attributes: SFTPAttributes)]) {
        output.beginPacket(.name)
        output.appendUInt32(id)
        output.appendUInt32(UInt32(names.count))
        for entry in names {
            output.appendString(entry.name)
            output.appendString(entry.longName)
            entry.attributes.encode(into: output)
        }
        output.endPacket()
    }

    /// The `statvfs@openssh.com` reply: eleven `uint64`s in `struct statvfs` order.
    func replyStatistics(id: UInt32, _ statistics: SFTPFileSystemStatistics) {
        let readOnlyFlag: UInt64 = 0x1
        let noSetUserIDFlag: UInt64 = 0x2
        output.beginPacket(.extendedReply)
        output.appendUInt32(id)
        output.appendUInt64(statistics.blockSize)
        output.appendUInt64(statistics.fragmentSize)
        output.appendUInt64(statistics.totalBlocks)
        output.appendUInt64(statistics.freeBlocks)
        output.appendUInt64(statistics.availableBlocks)
        output.appendUInt64(statistics.totalFileNodes)
        output.appendUInt64(statistics.freeFileNodes)
        output.appendUInt64(statistics.availableFileNodes)
        output.appendUInt64(statistics.fileSystemID)
        output.appendUInt64(
            (statistics.isReadOnly ? readOnlyFlag : 0) | (statistics.ignoresSetUserID ? noSetUserIDFlag : 0))
        output.appendUInt64(statistics.maxNameLength)
        output.endPacket()
    }

    /// The `limits@openssh.com` reply: packet, read and write lengths, and open handles.
    func replyLimits(id: UInt32) {
        output.beginPacket(.extendedReply)
        output.appendUInt32(id)
        output.appendUInt64(UInt64(limits.maxPacketLength))
        output.appendUInt64(UInt64(limits.maxReadLength))
        output.appendUInt64(UInt64(limits.maxWriteLength))
        output.appendUInt64(UInt64(limits.maxOpenHandles))
        output.endPacket()
    }
}
