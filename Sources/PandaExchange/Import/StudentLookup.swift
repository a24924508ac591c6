import Foundation
import PandaFormats
import PandaStore

/// The students an import may change, looked up by UserID: loaded into memory when they fit the budget
/// (`StudentIndex`), else read from the store as the file goes (`StudentCursor`).
protocol StudentLookup: StudentScope {
    /// Whether the UserID (UTF-8) is in scope.
    func contains(bytes: UnsafeBufferPointer<UInt8>) -> Bool
}

extension StudentLookup {
    func contains(_ userID: String) -> Bool {
        var id = userID
        return id.withUTF8 { contains(bytes: $0) }
    }
}

/// A scope read from the store on the producer's own read connection, in file order: cheap for a file sorted
/// by UserID, a search per row for one that is not; the same memory whatever the roster's size. Each reader
/// of the file (validator, unchanged-row filter) has its own, since each walks the roster in its own order.
final class StudentCursor: StudentLookup {
    let kind: StudentScopeKind
    private var cursors: [KeyCursor]
    /// Why a lookup failed; the file is then processed again later (answers after it are not to be trusted).
    private(set) var failure: String?

    /// A UserID is in scope when one of `cursors` finds it.
    init(kind: StudentScopeKind, cursors: [KeyCursor]) {
        self.kind = kind
        self.cursors = cursors
    }

    /// The scope of `kind` of `account`, read through `db`.
    static func open(_ kind: StudentScopeKind, account: String, in db: any SQLConnection) throws -> StudentCursor {
        switch kind {
        case .currentRoster:
            StudentCursor(kind: kind, cursors: [try RecordRepository.rosterCursor(account: account, in: db)])
        case .knownToAccount:
            StudentCursor(kind: kind, cursors: try RecordRepository.knownStudentCursors(account: account, in: db))
        }
    }

    func contains(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        do {
            for cursor in cursors where try cursor.find(bytes).found { return true }
            return false
        } catch {
            failure = failure ?? "reading the students in scope failed: \(error)"
            cursors = []
            return false
        }
    }

    /// Lets go of the statements (before their read transaction ends).
    func close() { cursors = [] }
}
