import PandaCore
import PandaExchange

/// Addresses banned after repeated failed logins (as `panda ban list|remove`).
enum BanOperations {
    static let all: [APIOperation] = [
        APIOperation(
            "GET", "/api/v1/bans", id: "listBans",
            summary: "Addresses banned now after repeated failed logins, by address", tag: "bans",
            response: JSONSchema.array(JSONSchema.ref("Ban")), errors: []
        ) { request in
            let store = request.context.store
            return .array(try store.bans.list(at: store.clock.now()).map(OperatorJSON.ban))
        },
        APIOperation(
            "DELETE", "/api/v1/bans/{address}", id: "liftBan",
            summary: "Lift an address's ban at once and forget its failed logins (as `panda ban remove`); returns"
                + " the ban lifted",
            tag: "bans", response: JSONSchema.ref("Ban"), errors: [404]
        ) { request in
            OperatorJSON.ban(
                try request.context.actions(actor: request.actor).liftBan(address: request.parameter("address")))
        },
    ]
}
