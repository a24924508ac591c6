import PandaCore

/// Errors of the store: what was not found or conflicts (user errors), or what the database reported.
public enum StoreError: UserFacingError, Equatable {
    case notFound(what: String, hint: String)
    case alreadyExists(what: String, hint: String)
    case invalid(String)
    /// A database failure; `sql` is the statement text (never its bound values, which may be personal data).
    case database(code: Int32, message: String, sql: String?)
    case cannotOpen(path: String, reason: String)
    case schemaTooNew(found: Int, known: Int)

    public var message: String {
        switch self {
        case .notFound(let what, let hint): "\(what) does not exist; \(hint)"
        case .alreadyExists(let what, let hint): "\(what) already exists; \(hint)"
        case .invalid(let text): text
        case .database(let code, let message, let sql):
            "database error \(code): \(message)" + (sql.map { " (in: \($0.prefix(200)))" } ?? "")
        case .cannotOpen(let path, let reason): "cannot open the database at \(path): \(reason)"
        case .schemaTooNew(let found, let known):
            "the database has schema version \(found) but this panda knows only up to \(known);"
                + " run the newer panda binary that last used this data directory"
        }
    }
}
