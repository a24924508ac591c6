import CLibSSH

/// One session channel of a connection and the subsystem handler serving it.
final class SSHChannelRecord {
    let raw: OpaquePointer
    var handler: (any SSHSubsystemHandler)?
    var writer: SSHChannelWriter?
    /// Closed on our side and handed back to libssh; the pointer must not be used any more.
    var isFinished = false
    /// Bytes read since the last read that topped the receive window up (see `readRequestSize`).
    var readSinceWindowUpdate = Int.max

    init(raw: OpaquePointer) {
        self.raw = raw
    }
}

extension SSHChannelRecord {
    /// How much to ask libssh for. libssh tops the receive window up to the size of a read request
    /// whenever the request exceeds what is buffered plus the window left, one WINDOW_ADJUST packet per
    /// read. Asking for the whole buffer on every read sent the client an adjustment for every 32 KiB it
    /// uploaded (about 32 000 packets per GiB for both sides to build, encrypt and parse). So: ask for
    /// the whole buffer (topping the window up to it) once half of it has been read, and for half
    /// otherwise, which never exceeds what the window still allows: one adjustment per half buffer.
    func readRequestSize(buffer: Int) -> Int {
        readSinceWindowUpdate >= buffer / 2 ? buffer : buffer / 2
    }
}

extension SSHConnection {
    /// A client asks for a session channel: allowed only once logged in, up to the per-connection limit.
    func openSessionChannel() -> OpaquePointer? {
        guard login != nil, closeReason == nil, !control.stopRequested, let session else {
            refuse(.unauthenticated)
            return nil
        }
        guard channels.count < context.limits.maxChannelsPerConnection else {
            refuse(.channelLimit)
            return nil
        }
        guard let raw = ssh_channel_new(session) else { return nil }
        ssh_set_channel_callbacks(raw, channelCallbacks)
        channels.append(SSHChannelRecord(raw: raw))
        lastActivity = .now
        return raw
    }

    /// The only channel request we grant: the `sftp` subsystem, once per channel, for a logged-in account.
    func startSubsystem(on raw: OpaquePointer?, name: String) -> Int32 {
        let refused: Int32 = -1
        guard let login, closeReason == nil else {
            refuse(.unauthenticated)
            return refused
        }
        guard name == "sftp", let record = channels.first(where: { $0.raw == raw }), record.handler == nil else {
            refuse(.subsystem(name: Self.printable(name)))
            return refused
        }
        let writer = SSHChannelWriter(channel: record.raw, connection: self)
        do {
            record.handler = try context.subsystemFactory(login, writer)
        } catch {
            logger.error("subsystem_failed", ["account": login.account, "error": "\(error)"])
            return refused
        }
        record.writer = writer
        if readBuffer == nil {
            readBuffer = .allocate(byteCount: Self.readBufferSize, alignment: 16)
        }
        lastActivity = .now
        logger.info("subsystem_opened", ["account": login.account, "subsystem": name])
        context.emit(.subsystemOpened(login, name: name))
        return 0
    }

    /// Moves every byte libssh has buffered to the handlers, and ends channels the client finished.
    /// Loops until no channel makes progress, so nothing stays buffered while the next poll blocks.
    func pumpChannels() {
        var progress = true
        while progress && closeReason == nil && !control.stopRequested {
            progress = false
            for record in channels {
                progress = pump(record) || progress
            }
            channels.removeAll { $0.isFinished }
        }
    }

    /// Reads what is available on one channel; true if bytes were delivered.
    private func pump(_ record: SSHChannelRecord) -> Bool {
        guard !record.isFinished else { return false }
        guard let handler = record.handler, let buffer = readBuffer else {
            // No subsystem yet: nothing to read, but a client may close the channel without asking for one.
            if ssh_channel_is_closed(record.raw) != 0 || ssh_channel_is_eof(record.raw) != 0 {
                finish(record, exitStatus: nil)
            }
            return false
        }
        // ssh_channel_read_timeout with timeout 0 does not block, and unlike ssh_channel_read_nonblocking it asks
        // for a size we choose, which decides when libssh sends the client a window adjustment.
        let request = record.readRequestSize(buffer: buffer.count)
        let count = ssh_channel_read_timeout(record.raw, buffer.baseAddress, UInt32(request), 0, 0)
        record.readSinceWindowUpdate =
            request == buffer.count ? Int(max(count, 0)) : record.readSinceWindowUpdate + Int(max(count, 0))
        if count > 0 {
            bytesIn += UInt64(count)
            lastActivity = .now
            do {
                try handler.received(UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(count)))
            } catch {
                logger.warning("subsystem_error", ["account": login?.account ?? "-", "error": "\(error)"])
                finish(record, exitStatus: 1)
            }
            return true
        }
        if count == SSH_EOF || ssh_channel_is_eof(record.raw) != 0 {
            // The client sent EOF and every byte before it was handled: answer like sshd does when
            // sftp-server exits (exit-status, EOF, CLOSE); the client then closes its side and disconnects.
            finish(record, exitStatus: 0)
        } else if count < 0 || ssh_channel_is_closed(record.raw) != 0 {
            finish(record, exitStatus: nil)
        }
        return false
    }

    /// Ends a channel: tells the handler, closes our side, and lets libssh free it once the client's
    /// CLOSE arrives (freeing earlier would make OpenSSH report the connection closed by the remote host).
    func finish(_ record: SSHChannelRecord, exitStatus: Int32?) {
        guard !record.isFinished else { return }
        record.writer?.channel = nil
        record.writer = nil
        let handler = record.handler
        record.handler = nil
        record.isFinished = true
        handler?.closed()
        if isConnected && ssh_channel_is_open(record.raw) != 0 {
            if let exitStatus {
                ssh_channel_request_send_exit_status(record.raw, exitStatus)
            }
            ssh_channel_close(record.raw)
        }
        ssh_channel_free(record.raw)
    }

    func finishAllChannels() {
        for record in channels {
            finish(record, exitStatus: nil)
        }
        channels.removeAll()
    }
}
