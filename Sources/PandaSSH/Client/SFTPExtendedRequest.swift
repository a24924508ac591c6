import CLibSSH
import Foundation
import PandaCore

/// An SFTP extended request framed by hand, because libssh 0.10 has no call for `posix-rename@openssh.com`.
///
/// libssh's SFTP client is synchronous: between two of its calls no request is outstanding and it has read
/// no byte ahead from the channel. So the request is written on the session's channel and its STATUS reply
/// read back from it, before libssh is used again. The request id is taken far above libssh's own counter.
struct SFTPExtendedRequest {
    static let posixRename = "posix-rename@openssh.com"
    private static let extended: UInt8 = 200  // SSH_FXP_EXTENDED
    private static let status: UInt8 = 101  // SSH_FXP_STATUS
    private static let requestID: UInt32 = 0xF000_0001

    let client: SFTPClient

    /// Renames `path` to `newPath`, replacing `newPath` atomically if it exists.
    func posixRename(_ path: String, to newPath: String) throws(SSHClientError) {
        var payload = SSHWireWriter()
        payload.append(raw: [Self.extended])
        payload.write(Self.requestID)
        payload.write(string: Self.posixRename)
        payload.write(string: path)
        payload.write(string: newPath)
        var packet = SSHWireWriter()
        packet.write(UInt32(payload.bytes.count))
        packet.append(raw: payload.bytes)

        guard let channel = client.sftp.pointee.channel else {
            throw .connectionLost(operation: "rename \(path)", reason: "the SFTP channel is closed")
        }
        let bytes = packet.bytes
        let written = bytes.withUnsafeBytes { ssh_channel_write(channel, $0.baseAddress, UInt32($0.count)) }
        guard written == Int32(bytes.count) else {
            throw .connectionLost(operation: "rename \(path)", reason: client.connection.lastError)
        }
        let length = try readUInt32(channel, path: path)
        guard length >= 9, length <= 64 * 1024 else {
            throw .connectionLost(operation: "rename \(path)", reason: "malformed reply of \(length) bytes")
        }
        let reply = try readExactly(Int(length), channel, path: path)
        guard reply[0] == Self.status, Self.uint32(reply, at: 1) == Self.requestID else {
            throw .connectionLost(operation: "rename \(path)", reason: "unexpected reply to posix-rename")
        }
        let code = Self.uint32(reply, at: 5)
        guard code != 0 else { return }
        var reader = SSHWireReader(Array(reply.dropFirst(9)))
        let message = reader.readString().map { String(decoding: $0, as: UTF8.self) } ?? ""
        throw .sftp(operation: "rename", path: path, status: Int(code), message: message)
    }

    private func readUInt32(_ channel: ssh_channel, path: String) throws(SSHClientError) -> UInt32 {
        Self.uint32(try readExactly(4, channel, path: path), at: 0)
    }

    /// The big-endian `uint32` at `offset` (the caller checked the length).
    private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private func readExactly(_ count: Int, _ channel: ssh_channel, path: String) throws(SSHClientError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        let timeout = Int32(clamping: client.connection.configuration.timeoutSeconds * 1000)
        while offset < count {
            let n = bytes.withUnsafeMutableBytes {
                ssh_channel_read_timeout(channel, $0.baseAddress! + offset, UInt32(count - offset), 0, timeout)
            }
            guard n > 0 else {
                let reason = n == 0 ? "no reply within the timeout" : client.connection.lastError
                throw .connectionLost(operation: "rename \(path)", reason: reason)
            }
            offset += Int(n)
        }
        return bytes
    }
}
