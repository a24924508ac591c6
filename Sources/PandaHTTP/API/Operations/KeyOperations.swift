import Foundation
import PandaCore
import PandaExchange
import PandaStore

/// An account's SSH keys: list, register, revoke (key rotation).
enum KeyOperations {
    struct NewKeyBody: Decodable {
        /// A `.pub` file's text or one `authorized_keys` line.
        var publicKey: String
        /// `YYYY-MM-DD`: the key stops working at 00:00 UTC that day.
        var expires: String?
        /// Addresses or networks the key may log in from.
        var from: [String]?
        var comment: String?
    }

    static let all: [APIOperation] = [
        APIOperation(
            "GET", "/api/v1/accounts/{account}/keys", id: "listKeys",
            summary: "The account's keys, revoked ones included, with their state (expiring keys are flagged)",
            tag: "keys", response: JSONSchema.array(JSONSchema.ref("Key"))
        ) { request in
            let now = request.context.store.clock.now()
            return .array(
                try request.context.store.keys.list(request.parameter("account")).map { keyJSON($0, now: now) })
        },
        APIOperation(
            "POST", "/api/v1/accounts/{account}/keys", id: "addKey",
            summary: "Register a public key (ED25519, ECDSA, RSA >= 2048), as `panda key add`", tag: "keys",
            requestBody: JSONSchema.object(
                [
                    ("publicKey", JSONSchema.described(JSONSchema.string, "a .pub file or an authorized_keys line")),
                    ("expires", JSONSchema.described(JSONSchema.date, "the key stops working at 00:00 UTC that day")),
                    ("from", JSONSchema.array(JSONSchema.described(JSONSchema.string, "IP address or CIDR network"))),
                    ("comment", JSONSchema.string),
                ], required: ["publicKey"]),
            successStatus: 201, response: JSONSchema.ref("Key"), errors: [404, 409, 422]
        ) { request in
            _ = try request.context.store.accounts.get(request.parameter("account"))
            let body = try request.body(NewKeyBody.self)
            var key = try request.context.keyReader.read(body.publicKey)
            if let expires = body.expires {
                guard expires.count == 10, let date = Timestamp.parseISO8601(expires + "T00:00:00Z") else {
                    throw DomainError.invalidDate(expires)
                }
                key.expiresAt = date
            }
            if let from = body.from { key.allowedSources = try CIDR.parseList(from.joined(separator: ",")) }
            if let comment = body.comment { key.comment = comment }
            let registered = try request.context.actions(actor: request.actor).registerKey(
                key, account: request.parameter("account"))
            return keyJSON(registered, now: request.context.store.clock.now())
        },
        APIOperation(
            "DELETE", "/api/v1/accounts/{account}/keys/{key}", id: "revokeKey",
            summary: "Revoke a key, by the id `listKeys` gives; it stops working at once", tag: "keys",
            response: JSONSchema.ref("Key"), errors: [404]
        ) { request in
            let account = request.parameter("account")
            let keys = try request.context.store.keys.list(account, includeRevoked: false)
            guard let id = Int64(request.parameter("key")), let key = keys.first(where: { $0.id == id }) else {
                throw APIError.notFound(
                    "account \(account) has no active key \(request.parameter("key")); see GET /api/v1/accounts/\(account)/keys"
                )
            }
            let revoked = try request.context.actions(actor: request.actor).revokeKey(
                fingerprint: key.fingerprint, account: account)
            return keyJSON(revoked, now: request.context.store.clock.now())
        },
    ]

    /// A key as `panda key list --json` shows it, plus whether it expires soon.
    static func keyJSON(_ key: RegisteredKey, now: Date) -> JSONValue {
        guard case .object(var pairs) = OperatorJSON.key(key, now: now) else { return .null }
        pairs.append(("expiresSoon", .bool(OperatorJSON.expiresSoon(key, now: now))))
        return .object(pairs)
    }
}
