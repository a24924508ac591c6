import PandaNotify
import Testing

@Suite("--smtp-url validation")
struct SMTPServerTests {
    @Test("smtp:// and smtps:// with host and port, credentials percent-decoded")
    func valid() throws {
        let plain = try SMTPServer(parsing: "smtp://127.0.0.1:2525")
        #expect(plain == SMTPServer(implicitTLS: false, host: "127.0.0.1", port: 2525))
        let secure = try SMTPServer(parsing: "smtps://mailer%40uni.edu:p%40ss:word@mail.example.org:465")
        #expect(secure.implicitTLS)
        #expect(secure.host == "mail.example.org")
        #expect(secure.port == 465)
        #expect(secure.username == "mailer@uni.edu")
        #expect(secure.password == "p@ss:word")
        #expect(try SMTPServer(parsing: "SMTP://relay.local:25/").host == "relay.local")
    }

    @Test(
        "anything else is refused with the part that is wrong",
        arguments: [
            ("http://mail.example.org:25", "scheme"), ("smtp://mail.example.org", "port is missing"),
            ("smtp://:25", "host"), ("smtp://mail.example.org:70000", "70000"), ("mail.example.org:25", "scheme"),
            ("smtp://mail.example.org:25/path", "nothing may follow"), ("smtp://:secret@mail.example.org:25", "user"),
            ("", "not a URL"),
        ])
    func invalid(text: String, reason: String) {
        #expect {
            try SMTPServer(parsing: text)
        } throws: { error in
            guard let error = error as? NotifyError, case .invalidSMTPURL(let message) = error else { return false }
            return message.contains(reason)
        }
    }

    @Test("the description and error messages never show the password")
    func redaction() throws {
        let server = try SMTPServer(parsing: "smtp://user:hunter2@mail.example.org:587")
        #expect(server.description == "smtp://user@mail.example.org:587")
        do {
            _ = try SMTPServer(parsing: "ftp://user:hunter2@mail.example.org:21")
        } catch {
            #expect(!error.message.contains("hunter2"))
        }
    }

    @Test("a password to a remote server over smtp:// requires STARTTLS; a local relay does not")
    func startTLS() throws {
        #expect(try SMTPServer(parsing: "smtp://u:p@mail.example.org:587").requiresStartTLS)
        #expect(try !SMTPServer(parsing: "smtp://u:p@127.0.0.1:587").requiresStartTLS)
        #expect(try !SMTPServer(parsing: "smtp://mail.example.org:25").requiresStartTLS)
        #expect(try !SMTPServer(parsing: "smtps://u:p@mail.example.org:465").requiresStartTLS)
    }
}
