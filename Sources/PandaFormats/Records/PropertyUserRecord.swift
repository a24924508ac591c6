/// `propertyuserbyid,UserID,KeyID,ValueID`: a student's value for one property.
public struct PropertyUserRecord: Sendable, Equatable {
    public var userID: String
    public var keyID: String
    public var valueID: String

    public init(userID: String, keyID: String, valueID: String) {
        self.userID = userID
        self.keyID = keyID
        self.valueID = valueID
    }
}
