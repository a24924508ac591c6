import CLibSSH
import Foundation

extension SSHConnection {
    /// `publickey` requests. libssh calls this with state NONE for a probe (our SUCCESS makes it answer
    /// PK_OK) and VALID after it verified the client's signature; only an accepted VALID request logs in.
    /// Requests with a bad signature never reach us: libssh drops them.
    func authenticate(user: UnsafePointer<CChar>?, key: OpaquePointer?, signatureState: Int32) -> Int32 {
        let denied = SSH_AUTH_DENIED.rawValue
        // The authenticator gets the name as sent; logs and events get a shortened, printable copy.
        let requestedName = user.map { String(cString: $0) } ?? ""
        let username = Self.printable(requestedName)
        guard login == nil, closeReason == nil, let key else { return denied }
        let verified = signatureState == SSH_PUBLICKEY_STATE_VALID.rawValue
        guard verified || signatureState == SSH_PUBLICKEY_STATE_NONE.rawValue else { return denied }

        let presented: SSHPresentedKey
        do {
            presented = try Self.presentedKey(key)
        } catch {
            rejectAuthentication(username: username, method: "publickey", fingerprint: nil, reason: "\(error)")
            return denied
        }
        guard SSHAlgorithms.userKeyTypes.contains(presented.type) else {
            rejectAuthentication(
                username: username, method: "publickey", fingerprint: presented.fingerprint,
                reason: "key type \(presented.type) not accepted")
            return denied
        }
        // Asked at both stages: the probe decides PK_OK, the verified request decides the login (the key
        // may have been revoked in between, and only a verified signature proves possession).
        let request = SSHAuthRequest(
            username: requestedName, key: presented, address: info.address, signatureVerified: verified)
        switch context.authenticator.authenticate(request) {
        case .reject(let reason):
            rejectAuthentication(
                username: username, method: "publickey", fingerprint: presented.fingerprint, reason: reason)
            return denied
        case .accept(let account, let maxSessions):
            guard verified else {
                lastProbe = (username, presented.fingerprint)
                return SSH_AUTH_SUCCESS.rawValue
            }
            admit(account: account, maxSessions: maxSessions, username: requestedName, key: presented)
            // Over a session limit the client still proved its key; answering success and then disconnecting
            // with the reason lets it print "too many sessions" instead of a misleading "Permission denied".
            // Our own `login` stays nil, so no channel can open before the disconnect.
            return SSH_AUTH_SUCCESS.rawValue
        }
    }

    /// libssh 0.10 silently drops a `publickey` request signed with an algorithm we do not accept (RSA
    /// with SHA-1, `ssh-rsa`, as libssh2 and so curl sign), leaving the client waiting until the grace
    /// time, and offers no public call to answer it. It records the refusal as its last error, so we end
    /// the connection at once with a disconnect message that says why, instead of a minute of silence.
    func answerDroppedSignature(_ session: OpaquePointer) {
        guard let text = ssh_get_error(UnsafeMutableRawPointer(session)).map({ String(cString: $0) }),
            text.hasPrefix("Public key from client ("), text != answeredLibSSHError
        else { return }
        answeredLibSSHError = text
        let algorithm = text.dropFirst("Public key from client (".count).prefix(while: { $0 != ")" })
        rejectAuthentication(
            username: lastProbe?.username ?? "-", method: "publickey", fingerprint: lastProbe?.fingerprint,
            reason: "signature algorithm \(algorithm) not accepted (RSA keys must sign with SHA-2: rsa-sha2-256/512)")
        closeReason =
            "\(algorithm) signatures (RSA with SHA-1) are refused; use a client that signs with rsa-sha2-256,"
            + " or an ED25519 or ECDSA key"
    }

    /// Logs the account in if it and the server have a free session slot; otherwise ends the connection.
    private func admit(account: String, maxSessions: Int?, username: String, key: SSHPresentedKey) {
        switch context.limiter.promote(info.id, account: account, limit: maxSessions) {
        case .admitted:
            break
        case .accountFull:
            refuse(.sessionLimit(account: account))
            closeReason = "too many sessions for this account"
            return
        case .serverFull:
            refuse(.sessionLimit(account: account))
            closeReason = "too many sessions on this server"
            return
        }
        let login = SSHLogin(connection: info, account: account, username: username, key: key)
        self.login = login
        lastActivity = .now
        // From now on a blocking write may wait for the client's window up to the idle timeout.
        try? setTimeout(context.limits.idleTimeout)
        logger.info(
            "authenticated",
            [
                "account": account, "user": Self.printable(username), "key_type": key.type,
                "fingerprint": key.fingerprint,
            ])
        context.emit(.authenticated(login))
    }

    func rejectAuthentication(username: String, method: String, fingerprint: String?, reason: String) {
        failedAttempts += 1
        logger.info(
            "auth_failed",
            [
                "user": username, "method": method, "fingerprint": fingerprint ?? "-", "reason": reason,
                "attempt": String(failedAttempts),
            ])
        context.emit(
            .authenticationFailed(info, username: username, method: method, keyFingerprint: fingerprint, reason: reason)
        )
        if failedAttempts >= context.limits.maxAuthAttempts {
            closeReason = "too many authentication failures"
        }
    }

    /// Records what libssh will refuse by default (see `installCallbacks`).
    func recordUnhandled(_ message: OpaquePointer?) {
        guard let message else { return }
        let subtype = ssh_message_subtype(message)
        switch UInt32(bitPattern: ssh_message_type(message)) {
        case SSH_REQUEST_AUTH.rawValue:
            let method = Self.authMethodName(subtype)
            // "none" is how every client asks which methods exist; it is not an attempt.
            guard method != "none", login == nil else { return }
            let user = Self.printable(ssh_message_auth_user(message).map { String(cString: $0) } ?? "")
            rejectAuthentication(username: user, method: method, fingerprint: nil, reason: "method not allowed")
        case SSH_REQUEST_CHANNEL_OPEN.rawValue:
            refuse(Self.refusedChannel(message, type: subtype))
        case SSH_REQUEST_CHANNEL.rawValue:
            if let request = Self.refusedChannelRequest(message, type: subtype) { refuse(request) }
        case SSH_REQUEST_GLOBAL.rawValue:
            if UInt32(subtype) == SSH_GLOBAL_REQUEST_TCPIP_FORWARD.rawValue {
                let host = ssh_message_global_request_address(message).map { String(cString: $0) } ?? ""
                refuse(
                    .portForwarding(
                        kind: "tcpip-forward", host: host, port: Int(ssh_message_global_request_port(message))))
            }
        default:
            break  // service requests: libssh accepts "ssh-userauth"
        }
    }

    private static func authMethodName(_ method: Int32) -> String {
        switch UInt32(method) {
        case SSH_AUTH_METHOD_NONE: "none"
        case SSH_AUTH_METHOD_PASSWORD: "password"
        case SSH_AUTH_METHOD_PUBLICKEY: "publickey"
        case SSH_AUTH_METHOD_INTERACTIVE: "keyboard-interactive"
        case SSH_AUTH_METHOD_GSSAPI_MIC: "gssapi-with-mic"
        default: "other"  // hostbased and unknown methods
        }
    }

    private static func refusedChannel(_ message: OpaquePointer, type: Int32) -> SSHRefusedRequest {
        switch UInt32(type) {
        case SSH_CHANNEL_DIRECT_TCPIP.rawValue:
            let host = ssh_message_channel_request_open_destination(message).map { String(cString: $0) } ?? ""
            let port = Int(ssh_message_channel_request_open_destination_port(message))
            return .portForwarding(kind: "direct-tcpip", host: host, port: port)
        case SSH_CHANNEL_FORWARDED_TCPIP.rawValue: return .channel(type: "forwarded-tcpip")
        case SSH_CHANNEL_X11.rawValue: return .x11
        case SSH_CHANNEL_AUTH_AGENT.rawValue: return .channel(type: "auth-agent@openssh.com")
        case SSH_CHANNEL_SESSION.rawValue: return .unauthenticated
        default: return .channel(type: "other")
        }
    }

    private static func refusedChannelRequest(_ message: OpaquePointer, type: Int32) -> SSHRefusedRequest? {
        switch UInt32(type) {
        case SSH_CHANNEL_REQUEST_EXEC.rawValue:
            return .exec(
                command: printable(ssh_message_channel_request_command(message).map { String(cString: $0) } ?? ""))
        case SSH_CHANNEL_REQUEST_SHELL.rawValue: return .shell
        case SSH_CHANNEL_REQUEST_PTY.rawValue: return .pty
        case SSH_CHANNEL_REQUEST_ENV.rawValue:
            return .environment(
                name: printable(ssh_message_channel_request_env_name(message).map { String(cString: $0) } ?? ""))
        case SSH_CHANNEL_REQUEST_X11.rawValue: return .x11
        case SSH_CHANNEL_REQUEST_SUBSYSTEM.rawValue:
            return .subsystem(
                name: printable(ssh_message_channel_request_subsystem(message).map { String(cString: $0) } ?? ""))
        default: return nil  // window-change and unknown requests: refused without a record
        }
    }

    /// Client-supplied text as we log and report it: at most 128 characters, control characters replaced.
    static func printable(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.prefix(128).map { $0.properties.generalCategory == .control ? "?" : $0 }))
    }

    static func presentedKey(_ key: OpaquePointer) throws -> SSHPresentedKey {
        let base64 = try LibSSHKeyFacts.base64(key)
        return SSHPresentedKey(
            type: LibSSHKeyFacts.typeName(key), base64: base64, fingerprint: try LibSSHKeyFacts.fingerprint(key),
            bits: SSHPublicKeyBlob.bits(ofBlob: Array(Data(base64Encoded: base64) ?? Data())))
    }
}
