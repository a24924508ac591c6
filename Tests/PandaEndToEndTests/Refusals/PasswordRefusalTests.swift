import Foundation
import PandaTesting
import Testing

/// Only `publickey` exists: passwords and keyboard-interactive are neither offered nor accepted.
@Suite("Password refusals")
struct PasswordRefusalTests {
    @Test("password, keyboard-interactive and none are refused, and only publickey is advertised (paramiko)")
    func paramikoSeesOnlyPublicKey() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        let login = exchange.login("uni1", key)
        let paramiko = try ParamikoClient()

        let attempts: [ParamikoClient.Authentication] = [
            .none, .password("uni1"), .password(""), .keyboardInteractive("uni1"),
        ]
        for authentication in attempts {
            let report = try paramiko.run(login, authentication: authentication, operations: [.list("/")])
            #expect(!report.authenticated, "\(authentication) logged in")
            #expect(report.allowed == ["publickey"], "\(authentication): \(report.error ?? "")")
            #expect(report.results.isEmpty)
        }

        let entries = try exchange.awaitAudit { $0.field("method") == "keyboard-interactive" }
        let failedMethods = Set(
            entries.events("login.failed").filter { $0.field("user") == "uni1" }.compactMap {
                $0.field("method")
            })
        #expect(failedMethods.isSuperset(of: ["password", "keyboard-interactive"]), "\(failedMethods)")
        RefusedLogin(exchange: exchange, account: "uni1").expectNothingHappened(in: entries)
        #expect(try RefusedLogin(exchange: exchange, account: "uni1").lastUsed(key) == nil)
    }

    @Test("OpenSSH ssh is told only publickey can continue and never asks for a password")
    func openSSHIsNeverAskedForAPassword() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        let marker = exchange.clientDirectory + "/askpass-was-called"
        let askpass = try exchange.clientFile("askpass.sh", Array("#!/bin/sh\ntouch '\(marker)'\necho secret\n".utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: askpass)
        var environment = SFTPLogin.clientEnvironment
        environment["SSH_ASKPASS"] = askpass
        environment["SSH_ASKPASS_REQUIRE"] = "force"
        environment["DISPLAY"] = ":0"

        // BatchMode off, so ssh would really prompt (through askpass) if the server offered a password.
        let outcome = try exchange.openSSH("uni1", key).ssh(
            [
                "-v", "-o", "BatchMode=no", "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1",
                "-o", "PreferredAuthentications=password,keyboard-interactive,hostbased",
            ], command: ["true"], environment: environment)

        #expect(outcome.status == 255)
        let advertised = outcome.stderr.split(whereSeparator: \.isNewline).filter {
            $0.contains("Authentications that can continue:")
        }
        #expect(!advertised.isEmpty, "\(outcome.stderr)")
        #expect(advertised.allSatisfy { $0.hasSuffix("Authentications that can continue: publickey") }, "\(advertised)")
        #expect(outcome.stderr.contains("Permission denied (publickey)"))
        #expect(!FileManager.default.fileExists(atPath: marker), "ssh asked for a password")
        RefusedLogin(exchange: exchange, account: "uni1").expectNothingHappened(in: try exchange.audit())
    }
}
