import PandaCore

/// Configuration errors of the notification service (`panda serve --smtp-url/--mail-from`).
public enum NotifyError: UserFacingError, Equatable {
    /// `--smtp-url` is not `smtp[s]://[USER:PASS@]HOST:PORT`; the text says which part is wrong.
    case invalidSMTPURL(String)
    /// `--mail-from` is not an e-mail address.
    case invalidMailFrom(String)

    public var message: String {
        switch self {
        case .invalidSMTPURL(let reason):
            "--smtp-url must look like smtp://HOST:PORT or smtps://USER:PASS@HOST:PORT: \(reason)"
        case .invalidMailFrom(let text): "--mail-from \"\(text)\" is not an e-mail address (name@example.org)"
        }
    }
}
