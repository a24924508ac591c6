import Foundation
import PandaCore

/// What to look for in the audit log (the API's and the dashboard's filters); every field is optional.
public struct AuditQuery: Sendable, Equatable {
    public var account: String?
    /// An exact event (`login`), or a family when it ends with a dot (`file.` matches `file.close`…).
    public var event: String?
    public var actor: String?
    /// Text the event, the address or the detail contains (case-insensitive).
    public var text: String?
    public var since: Date?
    public var until: Date?
    /// Only entries older than this id (the next page of a listing).
    public var beforeID: Int64?
    public var limit: Int

    public init(
        account: String? = nil, event: String? = nil, actor: String? = nil, text: String? = nil, since: Date? = nil,
        until: Date? = nil, beforeID: Int64? = nil, limit: Int = 100
    ) {
        self.account = account
        self.event = event
        self.actor = actor
        self.text = text
        self.since = since
        self.until = until
        self.beforeID = beforeID
        self.limit = limit
    }
}

extension AuditRepository {
    /// Entries matching `query`, newest first (one fixed statement: absent filters are NULL parameters).
    public func search(_ query: AuditQuery) throws -> [AuditEntry] {
        let event = query.event.map { $0.hasSuffix(".") ? Self.likePrefix($0) : $0 }
        let eventIsPrefix = query.event?.hasSuffix(".") ?? false
        let text = query.text.map { "%" + Self.likeEscaped($0.lowercased()) + "%" }
        return try database.read { db in
            try db.query(
                Self.select + """
                     WHERE (? IS NULL OR account = ?)
                        AND (? IS NULL OR (? = 0 AND event = ?) OR (? = 1 AND event LIKE ? ESCAPE '\\'))
                        AND (? IS NULL OR actor = ?)
                        AND (? IS NULL OR LOWER(event) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(address, '')) LIKE ? ESCAPE '\\'
                            OR LOWER(detail) LIKE ? ESCAPE '\\')
                        AND (? IS NULL OR at >= ?) AND (? IS NULL OR at < ?) AND (? IS NULL OR id < ?)
                    ORDER BY id DESC LIMIT ?
                    """,
                [
                    query.account, query.account, event, eventIsPrefix, event, eventIsPrefix, event, query.actor,
                    query.actor, text, text, text, text, query.since, query.since, query.until, query.until,
                    query.beforeID, query.beforeID, max(1, min(query.limit, 1000)),
                ]
            ).map {
                AuditEntry(
                    id: $0.int64(0), at: $0.date(1), account: $0.optionalString(2), actor: $0.string(3),
                    event: $0.string(4), address: $0.optionalString(5), detail: $0.string(6))
            }
        }
    }

    /// `text` with LIKE's wildcards escaped.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    static func likePrefix(_ text: String) -> String { likeEscaped(text) + "%" }
}
