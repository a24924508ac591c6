import PandaSFTP
import Testing

@Suite struct VirtualPathTests {
    @Test(arguments: [
        ("", "/"), ("/", "/"), (".", "/"), ("..", "/"), ("//", "/"), ("a", "/a"), ("a/b/", "/a/b"),
        ("/a/./b/../c", "/a/c"), ("/../../../../etc/passwd", "/etc/passwd"), ("a/../../b", "/b"),
        ("///x//y///", "/x/y"), ("...", "/..."), ("..a/b..", "/..a/b.."), ("/é/ü", "/é/ü"),
    ])
    func normalises(input: String, expected: String) throws {
        #expect(try VirtualPath(input).string == expected)
    }

    @Test func refusesWhatCannotBeAFileName() {
        #expect(throws: VirtualPathError.containsNUL) { try VirtualPath("/a\0b") }
        #expect(throws: VirtualPathError.componentTooLong) { try VirtualPath("/" + String(repeating: "x", count: 256)) }
        #expect(throws: VirtualPathError.tooLong) {
            try VirtualPath(Array(repeating: String(repeating: "x", count: 200), count: 21).joined(separator: "/"))
        }
        #expect(throws: Never.self) { try VirtualPath("/" + String(repeating: "x", count: 255)) }
    }

    @Test func navigation() throws {
        let path = try VirtualPath("/inbound/a.csv")
        #expect(path.components == ["inbound", "a.csv"])
        #expect(path.name == "a.csv")
        #expect(path.parent == (try VirtualPath("/inbound")))
        #expect(VirtualPath.root.parent == .root)
        #expect(VirtualPath.root.isRoot)
        #expect(try VirtualPath("/inbound").appending("b.csv").string == "/inbound/b.csv")
        #expect(throws: VirtualPathError.invalidName) { try VirtualPath.root.appending("..") }
        #expect(throws: VirtualPathError.invalidName) { try VirtualPath.root.appending("a/b") }
        #expect(path.isDescendant(of: try VirtualPath("/inbound")))
        #expect(path.isDescendant(of: .root))
        #expect(!(try VirtualPath("/inboundx")).isDescendant(of: try VirtualPath("/inbound")))
    }
}
