import PandaCore

/// JSON schemas for the OpenAPI document, written compactly.
enum JSONSchema {
    static let string: JSONValue = .object([("type", .string("string"))])
    static let integer: JSONValue = .object([("type", .string("integer"))])
    static let boolean: JSONValue = .object([("type", .string("boolean"))])
    static let dateTime: JSONValue = .object([("type", .string("string")), ("format", .string("date-time"))])
    static let date: JSONValue = .object([("type", .string("string")), ("format", .string("date"))])
    static let anyObject: JSONValue = .object([("type", .string("object"))])

    static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/components/schemas/\(name)"))]) }

    static func array(_ items: JSONValue) -> JSONValue {
        .object([("type", .string("array")), ("items", items)])
    }

    static func object(_ properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", .string("object")), ("properties", .object(properties))]
        if !required.isEmpty { pairs.append(("required", .array(required.map(JSONValue.string)))) }
        return .object(pairs)
    }

    static func enumeration(_ values: [String]) -> JSONValue {
        .object([("type", .string("string")), ("enum", .array(values.map(JSONValue.string)))])
    }

    static func described(_ schema: JSONValue, _ description: String) -> JSONValue {
        guard case .object(let pairs) = schema else { return schema }
        return .object(pairs + [("description", .string(description))])
    }
}
