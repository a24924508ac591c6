/// The SFTP protocol version Panda speaks (draft-ietf-secsh-filexfer-02), as OpenSSH's `sftp-server` does.
public enum SFTPProtocolVersion {
    /// The version sent in every `SSH_FXP_VERSION` reply, whatever the client asked for.
    public static let current: UInt32 = 3
}
