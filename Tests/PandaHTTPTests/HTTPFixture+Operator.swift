import Foundation
import PandaCore
import PandaStore
import Testing

/// What the operator operations may change, to show that a refused request changed nothing.
struct OperatorState: Equatable {
    var institutions: [String]
    var accounts: [String]
    var holidays: [String: [LocalDate]]
    var pauses: [String: [PauseWindow]]
    var bans: [String]
    var publications: [String: Int64]
    var auditEntries: Int
}

extension HTTPFixture {
    func operatorState() throws -> OperatorState {
        let accounts = try store.accounts.list().map(\.username)
        return OperatorState(
            institutions: try store.institutions.list().map(\.id.rawValue), accounts: accounts,
            holidays: Dictionary(uniqueKeysWithValues: try accounts.map { ($0, try store.calendar.holidays(of: $0)) }),
            pauses: Dictionary(uniqueKeysWithValues: try accounts.map { ($0, try store.calendar.pauses(of: $0)) }),
            bans: try store.bans.list(at: store.clock.now()).map(\.address),
            publications: Dictionary(
                uniqueKeysWithValues: try accounts.map { ($0, try store.publications.latest(account: $0)?.id ?? 0) }),
            auditEntries: try store.audit.list(limit: 100_000).count)
    }

    /// An API request with the fixture's token (or `token` when given; `""` sends none).
    func api(_ method: String, _ path: String, body: String? = nil, token: String? = nil) throws -> HTTPAnswer {
        let token = token ?? self.token
        return try Curl.request(method, base + path, token: token.isEmpty ? nil : token, body: body)
    }

    /// Sends the request without a token and with an unknown one: both 401.
    func expectTokenRequired(
        _ method: String, _ path: String, body: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for token in ["", "panda_unknown_token"] {
            let answer = try api(method, path, body: body, token: token)
            answer.expectError(401, "unauthorized", "missing or unknown token", sourceLocation: sourceLocation)
        }
    }
}

extension HTTPAnswer {
    /// The `error.message` of a JSON error.
    var errorMessage: String? { (object["error"] as? [String: Any])?["message"] as? String }

    /// Expects a JSON error with this status and code whose message contains `message`.
    func expectError(
        _ status: Int, _ code: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(self.status == status, "\(text)", sourceLocation: sourceLocation)
        #expect(errorCode == code, "\(text)", sourceLocation: sourceLocation)
        #expect(errorMessage?.contains(message) == true, "\(text)", sourceLocation: sourceLocation)
    }
}
