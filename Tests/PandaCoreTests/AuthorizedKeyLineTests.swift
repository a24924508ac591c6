import Foundation
import PandaCore
import Testing

@Suite struct AuthorizedKeyLineTests {
    let blob = "AAAAC3NzaC1lZDI1NTE5AAAAINAfLY5+5x41Pbxm4odc4t+StyNz5/vQnBh2D8hlt8pu"

    @Test func plainLineWithAndWithoutComment() throws {
        let withComment = try AuthorizedKeyLine.parse("ssh-ed25519 \(blob) it@uni.edu laptop")
        #expect(withComment.typeName == "ssh-ed25519")
        #expect(withComment.comment == "it@uni.edu laptop")
        #expect(try AuthorizedKeyLine.parse("ssh-ed25519 \(blob)").comment == "")
    }

    @Test func optionsWithQuotedCommasAndSpaces() throws {
        let line = try AuthorizedKeyLine.parse(
            #"from="10.0.0.0/8, 192.0.2.1",expiry-time="202701311200Z" ssh-ed25519 "# + blob + " c")
        #expect(line.allowedSources.count == 2)
        #expect(line.expiresAt == Timestamp.parseISO8601("2027-01-31T12:00:00Z"))
        #expect(line.comment == "c")
    }

    @Test func refusesUnterminatedQuote() {
        #expect(throws: KeyError.self) { try AuthorizedKeyLine.parse(#"from="10.0.0.1 ssh-ed25519 "# + blob) }
    }

    @Test func refusesImpossibleExpiry() {
        #expect(throws: KeyError.self) {
            try AuthorizedKeyLine.parse(#"expiry-time="20270231" ssh-ed25519 "# + blob)
        }
    }

    @Test func readsRFC4716Blocks() throws {
        let text = """
            ---- BEGIN SSH2 PUBLIC KEY ----
            Comment: "my key"
            \(blob.prefix(30))
            \(blob.dropFirst(30))
            ---- END SSH2 PUBLIC KEY ----
            """
        let line = try AuthorizedKeyLine.parseFile(text)
        #expect(line.typeName == "ssh-ed25519")
        #expect(line.base64 == blob)
        #expect(line.comment == "my key")
    }
}
