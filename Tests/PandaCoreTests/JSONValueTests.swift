import Foundation
import PandaCore
import Testing

@Suite struct JSONValueTests {
    let document = JSONValue.object([
        ("name", .string("Ada \"the\" Countess\\")),
        ("lines", .string("a\nb\r\tc\u{01}\u{1f}")),
        ("unicode", .string("Zoë 東京 🐼")),
        ("count", .int(3)),
        ("ratio", .double(0.5)),
        ("none", .null),
        ("flags", .array([.bool(true), .bool(false)])),
        ("empty", .object([])),
        ("list", .array([])),
        ("nested", .object([("inner", .array([.int(1), .object([("k", .string("v"))])]))])),
    ])

    @Test func compactRenderingEscapesWhatJSONRequires() {
        #expect(
            document.rendered(pretty: false)
                == #"{"name":"Ada \"the\" Countess\\","lines":"a\nb\r\tc\u0001\u001f","unicode":"Zoë 東京 🐼","#
                + #""count":3,"ratio":0.5,"none":null,"flags":[true,false],"empty":{},"list":[],"#
                + #""nested":{"inner":[1,{"k":"v"}]}}"#)
    }

    @Test func prettyRenderingIndentsTwoSpacesAndKeepsKeyOrder() {
        let value = JSONValue.object([("b", .array([.int(1), .int(2)])), ("a", .object([("c", .null)]))])
        #expect(
            value.rendered(pretty: true) == "{\n  \"b\": [\n    1,\n    2\n  ],\n  \"a\": {\n    \"c\": null\n  }\n}")
    }

    @Test func everyRenderingParsesBackToTheSameValues() throws {
        for pretty in [false, true] {
            let parsed = try #require(
                try JSONSerialization.jsonObject(with: Data(document.renderedUTF8(pretty: pretty))) as? [String: Any])
            #expect(parsed["name"] as? String == "Ada \"the\" Countess\\")
            #expect(parsed["lines"] as? String == "a\nb\r\tc\u{01}\u{1f}")
            #expect(parsed["unicode"] as? String == "Zoë 東京 🐼")
            #expect(parsed["count"] as? Int == 3)
        }
    }

    @Test func nonFiniteNumbersBecomeNull() {
        #expect(JSONValue.array([.double(.infinity), .double(.nan)]).rendered(pretty: false) == "[null,null]")
    }
}
