import PandaCore
import PandaExchange

/// The OpenAPI 3 document of the admin API, built from `APIRoutes.operations`, served at
/// `/api/v1/openapi.json` without a token (it holds no data).
enum OpenAPIDocument {
    static let operation = APIOperation(
        "GET", "/api/v1/openapi.json", id: "getOpenAPIDocument", summary: "This document", tag: "meta",
        response: JSONSchema.anyObject, errors: [], requiresToken: false
    ) { _ in document }

    static let document: JSONValue = build(APIRoutes.operations)

    static func build(_ operations: [APIOperation]) -> JSONValue {
        var paths: [(String, JSONValue)] = []
        for path in unique(operations.map(\.path)) {
            let methods = operations.filter { $0.path == path }.map { ($0.method.lowercased(), describe($0)) }
            paths.append((path, .object(methods)))
        }
        return .object([
            ("openapi", .string("3.0.3")),
            (
                "info",
                .object([
                    ("title", .string("Panda admin API")), ("version", .string("1")),
                    (
                        "description",
                        .string(
                            "Institutions, accounts, keys, rosters, holidays and pauses, cycles and publishing, files"
                                + " and reports, records, audit log, notifications and banned addresses of a Panda"
                                + " server. Every operation but this document needs"
                                + " `Authorization: Bearer TOKEN` (`panda token create --name NAME`). Errors are"
                                + " `{\"error\": {\"code\", \"message\"}}`.")
                    ),
                ])
            ),
            ("servers", .array([.object([("url", .string("/"))])])),
            ("paths", .object(paths)),
            (
                "components",
                .object([
                    ("schemas", .object(schemas)),
                    (
                        "securitySchemes",
                        .object([("bearer", .object([("type", .string("http")), ("scheme", .string("bearer"))]))])
                    ),
                ])
            ),
        ])
    }

    private static func unique(_ paths: [String]) -> [String] {
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    private static func describe(_ operation: APIOperation) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("operationId", .string(operation.id)), ("summary", .string(operation.summary)),
            ("tags", .array([.string(operation.tag)])),
        ]
        let pathParameters = PathTemplate(operation.path).parameterNames.map { name in
            JSONValue.object([
                ("name", .string(name)), ("in", .string("path")), ("required", .bool(true)),
                ("schema", JSONSchema.string),
            ])
        }
        let queryParameters = operation.query.map { q in
            JSONValue.object([
                ("name", .string(q.name)), ("in", .string("query")), ("required", .bool(false)),
                ("description", .string(q.description)), ("schema", .object([("type", .string(q.type))])),
            ])
        }
        if !(pathParameters + queryParameters).isEmpty {
            pairs.append(("parameters", .array(pathParameters + queryParameters)))
        }
        if let body = operation.requestBody {
            pairs.append(
                (
                    "requestBody",
                    .object([
                        ("required", .bool(true)),
                        ("content", .object([("application/json", .object([("schema", body)]))])),
                    ])
                ))
        }
        var responses: [(String, JSONValue)] = [
            (String(operation.successStatus), response("Success", schema: operation.response))
        ]
        let errors =
            (operation.requestBody != nil || !operation.query.isEmpty ? [400] : [])
            + (operation.requiresToken ? [401] : []) + operation.errors
        for status in errors.sorted() {
            responses.append((String(status), response(errorDescription(status), schema: JSONSchema.ref("Error"))))
        }
        pairs.append(("responses", .object(responses)))
        pairs.append(("security", .array(operation.requiresToken ? [.object([("bearer", .array([]))])] : [])))
        return .object(pairs)
    }

    private static func response(_ description: String, schema: JSONValue) -> JSONValue {
        .object([
            ("description", .string(description)),
            ("content", .object([("application/json", .object([("schema", schema)]))])),
        ])
    }

    private static func errorDescription(_ status: Int) -> String {
        switch status {
        case 400: "Bad input: malformed JSON, a missing field, a value of the wrong type or a bad query argument"
        case 401: "No token, or a token that is unknown or revoked"
        case 404: "No such institution, account, file, key, user, holiday, pause or ban"
        case 409: "Conflict with the current state (already exists, overlaps a pause, not held any more)"
        case 422:
            "A value the rules refuse (a bad date or time, an unknown time zone, a refused key type, an invalid UserID…)"
        default: "Error"
        }
    }

    private static let s = JSONSchema.self

    static let schemas: [(String, JSONValue)] = [
        (
            "Error",
            s.object(
                [("error", s.object([("code", s.string), ("message", s.string)], required: ["code", "message"]))],
                required: ["error"])
        ),
        (
            "Institution",
            s.object([
                ("id", s.string), ("name", s.string), ("timeZone", s.string),
                ("contacts", s.array(s.object([("name", s.string), ("email", s.string)]))),
                (
                    "accounts",
                    s.array(
                        s.object([("username", s.string), ("environment", s.enumeration(["test", "production"]))]))
                ),
                ("createdAt", s.dateTime),
            ])
        ),
        (
            "Account",
            s.object([
                ("username", s.string), ("institution", s.string), ("institutionName", s.string),
                ("environment", s.enumeration(["test", "production"])), ("host", s.string), ("port", s.integer),
                ("folders", s.anyObject),
                (
                    "hostKeys",
                    s.array(
                        s.object([
                            ("type", s.enumeration(["ED25519", "ECDSA", "RSA"])),
                            ("fingerprint", s.described(s.string, "SHA256:…, as ssh-keygen -lf prints it")),
                        ]))
                ),
                ("settings", AccountOperations.settingsSchema),
                ("holidays", s.array(s.date)), ("pauses", s.array(s.ref("Pause"))),
                ("rosterSize", s.integer), ("createdAt", s.dateTime),
            ])
        ),
        (
            "Key",
            s.object([
                ("id", s.integer), ("fingerprint", s.string), ("type", s.string), ("algorithm", s.string),
                ("bits", s.integer), ("comment", s.string), ("createdAt", s.dateTime), ("expiresAt", s.dateTime),
                ("allowedSources", s.array(s.string)), ("lastUsedAt", s.dateTime), ("revokedAt", s.dateTime),
                ("state", s.string), ("expiresSoon", s.boolean),
            ])
        ),
        ("Pause", s.object([("from", s.date), ("to", s.date)], required: ["from", "to"])),
        (
            "Publication",
            s.object([
                ("account", s.string), ("date", s.described(s.date, "the account's local day; names the archive copy")),
                ("students", s.integer), ("sha256", s.string), ("publishedAt", s.dateTime),
                ("path", s.described(s.string, "students.csv as the institution sees it over SFTP")),
                ("archivePath", s.string),
                (
                    "cycle",
                    s.described(
                        s.ref("Cycle"),
                        "the cycle of that day as listCycles shows it (a publication by hand leaves its record as it"
                            + " was)")
                ),
            ])
        ),
        (
            "Cycle",
            s.object([
                ("account", s.string), ("day", s.date),
                ("state", s.enumeration(CycleState.allCases.map(\.rawValue))), ("reason", s.string),
                ("publishAt", s.dateTime), ("deadline", s.dateTime), ("publishedAt", s.dateTime),
                ("retrievedAt", s.dateTime),
                ("files", s.array(s.object([("id", s.integer), ("file", s.string), ("status", s.string)]))),
                ("queued", s.integer),
            ])
        ),
        (
            "Coverage",
            s.object([
                ("day", s.date), ("expected", s.integer), ("expectedSource", s.string), ("method", s.string),
                (
                    "types",
                    s.array(
                        s.object([
                            ("type", s.string), ("files", s.array(s.integer)), ("withData", s.integer),
                            ("withoutCount", s.integer), ("without", s.array(s.string)),
                        ]))
                ),
            ])
        ),
        (
            "Report",
            s.object(
                [
                    ("file", s.string), ("uploadedAt", s.dateTime), ("processedAt", s.dateTime), ("type", s.string),
                    (
                        "status",
                        s.enumeration([
                            "processed", "processed_with_errors", "rejected", "held", "discarded", "duplicate",
                            "superseded", "dry_run", "queued",
                        ])
                    ),
                    (
                        "counts",
                        s.object([
                            ("read", s.integer), ("created", s.integer), ("updated", s.integer),
                            ("unchanged", s.integer), ("skipped", s.integer), ("rejected", s.integer),
                        ])
                    ),
                    (
                        "errors",
                        s.array(
                            s.object([
                                ("line", s.integer), ("code", s.string), ("field", s.string), ("message", s.string),
                                ("record", s.string),
                            ]))
                    ),
                    ("errorCount", s.integer), ("id", s.integer), ("account", s.string), ("source", s.string),
                    ("cycleDay", s.date), ("changes", s.anyObject), ("decidedBy", s.string),
                    ("decidedAt", s.dateTime),
                ], required: ["file", "status", "counts", "errors"])
        ),
        (
            "Record",
            s.object([
                ("userId", s.string), ("username", s.string), ("firstName", s.string), ("lastName", s.string),
                ("email", s.string), ("userType", s.integer), ("userStatus", s.integer),
                ("provenance", s.ref("Provenance")),
                (
                    "properties",
                    s.array(
                        s.object([
                            ("keyId", s.string), ("key", s.string), ("valueId", s.string), ("value", s.string),
                            ("provenance", s.ref("Provenance")),
                        ]))
                ),
                (
                    "programs",
                    s.array(
                        s.object([("programId", s.string), ("title", s.string), ("provenance", s.ref("Provenance"))]))
                ),
            ])
        ),
        (
            "Provenance",
            s.object([("fileId", s.integer), ("line", s.integer), ("cycleDay", s.date), ("changedAt", s.dateTime)])
        ),
        (
            "AuditEntry",
            s.object([
                ("id", s.integer), ("at", s.dateTime), ("account", s.string), ("actor", s.string), ("event", s.string),
                ("address", s.string), ("detail", s.string),
            ])
        ),
        (
            "Ban",
            s.object([
                ("address", s.string), ("until", s.dateTime), ("seconds", s.described(s.integer, "the ban's length")),
                ("count", s.described(s.integer, "which ban of the address this is; each lasts longer")),
                ("bannedAt", s.dateTime),
            ])
        ),
        (
            "Notification",
            s.object([
                ("id", s.string), ("event", s.string), ("account", s.string), ("occurredAt", s.dateTime),
                ("summary", s.string), ("deliveries", s.array(s.anyObject)),
            ])
        ),
    ]
}
