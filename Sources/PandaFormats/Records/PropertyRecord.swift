/// `Property,KeyID,Key,ValueID,Value`: one allowed value of a property, with labels.
public struct PropertyRecord: Sendable, Equatable {
    /// The property, e.g. `RACE`.
    public var keyID: String
    /// The property's label, e.g. `Race`.
    public var key: String
    /// The coded value, e.g. `BL`.
    public var valueID: String
    /// The value's label, e.g. `Black or African American`.
    public var value: String

    public init(keyID: String, key: String, valueID: String, value: String) {
        self.keyID = keyID
        self.key = key
        self.valueID = valueID
        self.value = value
    }
}
