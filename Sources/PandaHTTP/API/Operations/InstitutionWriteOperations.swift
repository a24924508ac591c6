import PandaCore
import PandaExchange
import PandaStore

/// Onboarding an institution (as `panda institution add`).
enum InstitutionWriteOperations {
    static let all: [APIOperation] = [
        APIOperation(
            "POST", "/api/v1/institutions", id: "addInstitution",
            summary: "Onboard an institution with one account per environment (as `panda institution add`)",
            tag: "institutions", requestBody: NewInstitutionBody.schema, successStatus: 201,
            response: JSONSchema.ref("Institution"), errors: [409, 422]
        ) { request in
            let body = try request.body(NewInstitutionBody.self)
            let (institution, _) = try request.context.actions(actor: request.actor).addInstitution(body.institution)
            return try AccountOperations.institutionJSON(institution.id.rawValue, store: request.context.store)
        }
    ]
}

/// `POST /api/v1/institutions`'s body: the fields of `panda institution add`. Unknown fields are refused, so a
/// misspelt optional field never falls back to its default unnoticed.
struct NewInstitutionBody: Decodable {
    var institution: NewInstitution

    static let fields = ["id", "name", "timeZone", "timezone", "environments", "contact", "contacts"]

    static let schema = JSONSchema.object(
        [
            (
                "id",
                JSONSchema.described(
                    JSONSchema.string,
                    "lower-case letters, digits, - and _; also the production account's username (the test"
                        + " account is ID-test)")
            ),
            ("name", JSONSchema.described(JSONSchema.string, "display name")),
            (
                "timeZone",
                JSONSchema.described(JSONSchema.string, "IANA name, e.g. America/Chicago (default: the server's)")
            ),
            ("timezone", JSONSchema.described(JSONSchema.string, "the same as timeZone (the CLI option's spelling)")),
            (
                "environments",
                JSONSchema.described(
                    JSONSchema.array(JSONSchema.enumeration(["test", "production"])), "default: both")
            ),
            ("contact", JSONSchema.described(JSONSchema.string, "SIS/IT contact: \"Name <email>\" or email")),
            ("contacts", JSONSchema.array(JSONSchema.described(JSONSchema.string, "\"Name <email>\" or email"))),
        ], required: ["id", "name"])

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: BodyKey.self)
        try BodyKey.refuseUnknown(c, known: Self.fields)
        let zones = [
            try c.decodeIfPresent(String.self, forKey: "timeZone"),
            try c.decodeIfPresent(String.self, forKey: "timezone"),
        ]
        if zones.allSatisfy({ $0 != nil }) {
            throw APIError.badRequest("give the time zone once, as timeZone", code: "invalid_field")
        }
        let contact = try c.decodeIfPresent(String.self, forKey: "contact")
        institution = NewInstitution(
            id: try c.decode(String.self, forKey: "id"), name: try c.decode(String.self, forKey: "name"),
            timeZone: zones[0] ?? zones[1], environments: try c.decodeIfPresent([String].self, forKey: "environments"),
            contacts: (contact.map { [$0] } ?? []) + (try c.decodeIfPresent([String].self, forKey: "contacts") ?? []))
    }
}
