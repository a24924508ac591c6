import Foundation
import PandaTesting
import Testing

/// `panda serve --tls-cert --tls-key`: the admin port speaks HTTPS with the operator's certificate, and
/// the API behind it works as over HTTP.
@Suite(.timeLimit(.minutes(1))) struct AdminHTTPSTests {
    @Test func theAdminPortServesHTTPSWithTheGivenCertificate() throws {
        let dir = try TemporaryDirectory(prefix: "panda-https")
        defer { dir.remove() }
        let (cert, key) = (dir.file("cert.pem"), dir.file("key.pem"))
        let made = try ProcessRunner.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert,
            ])
        try #require(made.status == 0, "\(made.stderr)")
        let data = dir.file("data")
        try PandaBinary.run(["institution", "add", "uni1", "--name", "U1"], dataDirectory: data)
        let token = try PandaBinary.run(["token", "create", "--name", "ops"], dataDirectory: data).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServerProcess(
            dataDirectory: data, extraArguments: ["--http-port", "0", "--tls-cert", cert, "--tls-key", key])
        defer { server.stop() }
        let base = "https://127.0.0.1:\(server.httpPort)"

        // Verified against the certificate: the API answers over TLS.
        let accounts = try ProcessRunner.run(
            "/usr/bin/curl",
            ["-sS", "--cacert", cert, "-H", "Authorization: Bearer \(token)", "\(base)/api/v1/accounts"])
        #expect(accounts.status == 0, "\(accounts.stderr)")
        #expect(accounts.stdout.contains("\"uni1\"") && accounts.stdout.contains("\"uni1-test\""))
        // A client that does not trust the certificate is refused by its TLS check, and plain HTTP gets no answer.
        let untrusted = try ProcessRunner.run("/usr/bin/curl", ["-sS", "\(base)/healthz"])
        #expect(untrusted.status != 0)
        let plain = try ProcessRunner.run(
            "/usr/bin/curl",
            ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(server.httpPort)/healthz"])
        #expect(plain.stdout != "200")
    }
}
