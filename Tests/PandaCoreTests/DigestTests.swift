import PandaCore
import Testing

@Suite struct DigestTests {
    @Test func sha256KnownAnswers() {
        #expect(Digest.sha256Hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            Digest.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func incrementalEqualsOneShot() {
        let data = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let hasher = SHA256Hasher()
        hasher.update(data[0..<12_345])
        hasher.update(data[12_345...])
        #expect(hasher.finalize() == Digest.sha256(data))
    }

    /// RFC 4231 test case 2.
    @Test func hmacSHA256KnownAnswer() {
        let mac = Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(Digest.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func randomTokensDiffer() {
        #expect(SecureRandom.token() != SecureRandom.token())
        #expect(SecureRandom.bytes(16).count == 16)
    }
}

@Suite struct LoggerTests {
    @Test func writesQuotedKeyValueLines() {
        let sink = MemoryLogSink()
        let log = Logger(component: "ssh", sink: sink).with(["conn": "7"])
        log.info("login", ["account": "uni1", "reason": "key \"x\" revoked"])
        log.debug("hidden")
        #expect(sink.lines.count == 1)
        let line = sink.lines[0]
        #expect(
            line.contains("level=info component=ssh event=login conn=7 account=uni1 reason=\"key \\\"x\\\" revoked\""))
        #expect(line.hasPrefix("ts="))
    }
}
