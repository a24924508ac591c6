import CLibSSH

// libssh calls these C function pointers while it processes packets on the connection's thread. They
// capture nothing (Swift requires that of C callbacks); `userdata` is the unretained `SSHConnection`, which
// outlives its session because `run()` frees the session before returning.

private func connection(_ userdata: UnsafeMutableRawPointer?) -> SSHConnection {
    Unmanaged<SSHConnection>.fromOpaque(userdata!).takeUnretainedValue()
}

extension SSHConnection {
    func installCallbacks(on session: OpaquePointer) {
        panda_ssh_server_callbacks_init(serverCallbacks)
        serverCallbacks.pointee.userdata = userdata
        serverCallbacks.pointee.auth_pubkey_function = { _, user, key, state, userdata in
            connection(userdata).authenticate(user: user, key: key, signatureState: Int32(state))
        }
        serverCallbacks.pointee.channel_open_request_session_function = { _, userdata in
            connection(userdata).openSessionChannel()
        }
        ssh_set_server_callbacks(session, serverCallbacks)

        // Only the subsystem request is handled per channel. exec, shell, pty-req, env and x11-req fall
        // through to the message callback below, which records them and lets libssh answer "failure".
        // (Setting libssh's x11 callback would make it answer "success", so it stays unset.)
        panda_ssh_channel_callbacks_init(channelCallbacks)
        channelCallbacks.pointee.userdata = userdata
        channelCallbacks.pointee.channel_subsystem_request_function = { _, channel, name, userdata in
            connection(userdata).startSubsystem(on: channel, name: name.map { String(cString: $0) } ?? "")
        }

        // Everything the callbacks above do not handle: other auth methods, other channel types and
        // requests, global requests (port forwarding). Returning 1 makes libssh send its default reply:
        // failure (with "publickey" as the only method that can continue), or service accept.
        ssh_set_message_callback(
            session,
            { _, message, userdata in
                connection(userdata).recordUnhandled(message)
                return 1
            }, userdata)
    }
}

/// Called when `ConnectionControl.wake` is signalled: drain it so the next poll blocks again; the event
/// loop then sees `stopRequested`.
let wakeCallback: ssh_event_callback = { _, _, userdata in
    connection(userdata).control.wake.drain()
    return 0
}
