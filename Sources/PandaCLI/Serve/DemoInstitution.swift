import Foundation
import PandaCore
import PandaExchange
import PandaSSH
import PandaStore

/// The demo set-up of `make run`: an institution `demo` whose test account has a generated key pair, a
/// small roster and a published students.csv, so a new user can connect at once.
struct DemoInstitution {
    let context: CommandContext
    let store: Store

    static let id = "demo"
    static let students = ["K0000001", "K0000002", "K0000003", "K0000004", "K0000005"]

    /// Creates what is missing and returns the text telling the user how to connect.
    func prepare(host: String, port: Int) throws -> String {
        let account = Environment.test.username(for: try InstitutionID(Self.id))
        let directory = context.dataDirectory + "/demo"
        let keyPath = directory + "/id_ed25519"
        if try store.accounts.find(account) == nil {
            let zone = (try? Institution.defaultTimeZone()) ?? "UTC"
            _ = try store.institutions.add(
                id: try InstitutionID(Self.id), name: "Demo University", timeZone: zone, contacts: [],
                environments: [.test, .production])
            try store.roster.add(Self.students, to: account)
            try RosterPublisher(store: store, dataDirectory: context.dataDirectory).publish(account: account)
        }
        if !FileManager.default.fileExists(atPath: keyPath) {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try Self.generateKey(at: keyPath)
        }
        let parsed = try PublicKeyParser.parse(try String(contentsOfFile: keyPath + ".pub", encoding: .utf8))
        if try store.keys.findActive(account: account, fingerprint: parsed.fingerprint) == nil {
            try store.keys.add(
                NewPublicKey(
                    algorithm: parsed.algorithm, bits: parsed.bits, fingerprint: parsed.fingerprint,
                    base64: parsed.base64, comment: "demo key", expiresAt: nil, allowedSources: []), to: account)
        }
        let portOption = port == 22 ? "" : "-P \(port) "
        let hostKeys = HostKeyFingerprints.load(dataDirectory: context.dataDirectory)
            .map { "  \($0.fingerprint) (\($0.type))" }.joined(separator: "\n")
        return """
            demo institution ready: account \(account), key \(keyPath)
            server host keys:
            \(hostKeys)
            connect with:
              sftp \(portOption)-i \(keyPath) -o UserKnownHostsFile=\(directory)/known_hosts -o StrictHostKeyChecking=accept-new \(account)@\(host)
            then try: get /outbound/students.csv · put yourfile.csv /inbound/ · ls /results
            """
    }

    /// The demo key pair is made with `ssh-keygen`, as an institution would make theirs.
    static func generateKey(at path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
        process.arguments = ["-q", "-t", "ed25519", "-N", "", "-C", "panda-demo", "-f", path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw DemoError.keyGenerationFailed }
    }

    enum DemoError: UserFacingError {
        case keyGenerationFailed
        var message: String { "ssh-keygen could not create the demo key; install openssh-client (scripts/bootstrap)" }
    }
}
