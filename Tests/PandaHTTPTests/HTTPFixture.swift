import Foundation
import PandaCore
import PandaExchange
import PandaHTTP
import PandaSSH
import PandaStore
import PandaTesting

/// A store with institution `uni1` (accounts `uni1`, `uni1-test`), an API token, and the admin HTTP server on
/// a free loopback port, in-process. `remove()` stops the server and deletes the directory.
final class HTTPFixture: @unchecked Sendable {
    let directory: TemporaryDirectory
    let store: Store
    let server: HTTPServer
    let application: AdminApplication
    let token: String
    var base: String { "http://127.0.0.1:\(server.port)" }

    init(hostKeys: any HostKeyDirectory = NoHostKeys()) throws {
        directory = try TemporaryDirectory(prefix: "panda-http")
        store = try Store.open(dataDirectory: directory.path)
        _ = try store.institutions.add(
            id: try InstitutionID("uni1"), name: "University One", timeZone: "UTC", contacts: [],
            environments: [.test, .production])
        token = "panda_test_" + SecureRandom.token(byteCount: 24)
        try store.apiTokens.create(name: "tester", token: token)
        let context = AdminContext(
            store: store, dataDirectory: directory.path,
            cycles: CycleOverview(store: store, dataDirectory: directory.path),
            keyReader: ParserKeyReader(), hostKeys: hostKeys, metrics: PandaMetrics.registry(),
            logger: Logger(component: "http", minimumLevel: .error))
        application = AdminApplication(context: context)
        server = HTTPServer(
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: application,
            logger: Logger(component: "http", minimumLevel: .error))
        try server.start()
    }

    func remove() {
        server.stop(deadline: .seconds(5))
        directory.remove()
    }

    /// Ten active students K1…K10 imported from a file with one bad row (line 11), then a file deactivating
    /// K1…K3 (more than 20 %): returns the processed file's and the held file's ids.
    func importWithHeldFile() throws -> (processed: Int64, held: Int64) {
        let ids = (1...10).map { "K\($0)" }
        try store.roster.add(ids, to: "uni1")
        let importer = FileImporter(
            store: store, dataDirectory: directory.path, logger: Logger(component: "import", minimumLevel: .error))
        let first = try write(
            "user.csv",
            ids.map { Self.userRow($0, status: "1") }.joined()
                + "user,\"K99\",\"x\",\"\",\"A\",\"B\",\"not-an-email\",\"2\",\"7\"\n")
        let processed = try importer.importFile(atPath: first, account: "uni1", asUpload: false).entry
        let second = try write("leavers.csv", ["K1", "K2", "K3"].map { Self.userRow($0, status: "2") }.joined())
        let held = try importer.importFile(atPath: second, account: "uni1", asUpload: false).entry
        return (processed.id, held.id)
    }

    static func userRow(_ id: String, status: String) -> String {
        "user,\"\(id)\",\"\(id.lowercased())\",\"\",\"Ada\",\"Lovelace\",\"\",\"2\",\"\(status)\"\n"
    }

    func write(_ name: String, _ content: String) throws -> String {
        let path = directory.file(name)
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// The key parser `panda key add` uses.
struct ParserKeyReader: PublicKeyReader {
    func read(_ text: String) throws -> NewPublicKey {
        let parsed = try PublicKeyParser.parse(text)
        return NewPublicKey(
            algorithm: parsed.algorithm, bits: parsed.bits, fingerprint: parsed.fingerprint, base64: parsed.base64,
            comment: parsed.comment, expiresAt: parsed.expiresAt, allowedSources: parsed.allowedSources)
    }
}

/// An HTTP answer as a test reads it.
struct HTTPAnswer {
    let status: Int
    let body: Data
    let headers: String

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    /// The `error.code` of a JSON error.
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
}

/// Requests over a real socket with curl (one process per request, killed if it hangs).
enum Curl {
    static func request(
        _ method: String, _ url: String, token: String? = nil, body: String? = nil, headers: [String] = [],
        cookieJar: String? = nil
    ) throws -> HTTPAnswer {
        let scratch = try TemporaryDirectory(prefix: "panda-curl")
        defer { scratch.remove() }
        var arguments = [
            "-s", "-S", "-X", method, "-o", scratch.file("body"), "-D", scratch.file("headers"), "-w", "%{http_code}",
            "--max-time", "20",
        ]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        for header in headers { arguments += ["-H", header] }
        if let body {
            try Data(body.utf8).write(to: URL(fileURLWithPath: scratch.file("request")))
            arguments += ["--data-binary", "@" + scratch.file("request")]
            if !headers.contains(where: { $0.lowercased().hasPrefix("content-type") }) {
                arguments += ["-H", "Content-Type: application/json"]
            }
        }
        if let cookieJar { arguments += ["-b", cookieJar, "-c", cookieJar] }
        let outcome = try ChildProcess.run("/usr/bin/curl", arguments + [url], timeout: .seconds(30))
        let body = FileManager.default.contents(atPath: scratch.file("body")) ?? Data()
        let headers = (try? String(contentsOfFile: scratch.file("headers"), encoding: .utf8)) ?? ""
        return HTTPAnswer(
            status: Int(outcome.stdout.trimmingCharacters(in: .whitespaces)) ?? 0, body: body, headers: headers)
    }
}
