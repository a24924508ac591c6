/// Receives what a session did, for the audit log and metrics. Called on the session's thread, synchronously.
public protocol SFTPSessionObserver: AnyObject {
    /// Records one event; must not call back into the session.
    func record(_ event: SFTPSessionEvent)
}

/// Something worth auditing that happened in a session.
public enum SFTPSessionEvent: Sendable, Hashable {
    /// The client sent `INIT` and the session is ready.
    case initialized(clientVersion: UInt32)
    /// A file was opened; `flags.modifiesFile` tells an upload from a download.
    case fileOpened(VirtualPath, flags: SFTPOpenFlags)
    /// A file handle was released, by `CLOSE` or because the session ended.
    case fileClosed(SFTPFileTransfer)
    /// A file or directory was renamed.
    case renamed(from: VirtualPath, to: VirtualPath, replacingExisting: Bool)
    /// A file was removed.
    case removed(VirtualPath)
    /// A directory was created.
    case directoryCreated(VirtualPath)
    /// A directory was removed.
    case directoryRemoved(VirtualPath)
    /// The permission check refused a request (the path is the first one the request names, if any).
    case refused(request: String, path: VirtualPath?, status: SFTPStatusCode, message: String)
}

/// What happened to one open file between `OPEN` and its release.
public struct SFTPFileTransfer: Sendable, Hashable {
    /// How the handle ended.
    public enum Outcome: Sendable, Hashable {
        /// `CLOSE` succeeded: an upload was committed.
        case closed
        /// `CLOSE` failed with this error, which the client was sent: an upload was not committed.
        case closeFailed(SFTPFileSystemError)
        /// The session ended without `CLOSE`: the handle was aborted, an upload discarded.
        case aborted
    }

    /// The file's path as opened.
    public var path: VirtualPath
    /// The flags it was opened with.
    public var flags: SFTPOpenFlags
    /// Bytes sent to the client in `DATA` replies.
    public var bytesRead: UInt64
    /// Bytes the client wrote (overlapping writes count twice).
    public var bytesWritten: UInt64
    /// How the handle ended.
    public var outcome: Outcome

    public init(path: VirtualPath, flags: SFTPOpenFlags, bytesRead: UInt64, bytesWritten: UInt64, outcome: Outcome) {
        self.path = path
        self.flags = flags
        self.bytesRead = bytesRead
        self.bytesWritten = bytesWritten
        self.outcome = outcome
    }
}
