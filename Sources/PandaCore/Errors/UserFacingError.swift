/// An error whose message is written for the person who has to fix it: what is wrong and what to do.
///
/// Every module has one error enum conforming to this; the CLI prints `message` and exits 1, the
/// HTTP API returns it as JSON. Messages never contain secrets or record contents.
public protocol UserFacingError: Error, CustomStringConvertible {
    var message: String { get }
}

extension UserFacingError {
    public var description: String { message }
}
