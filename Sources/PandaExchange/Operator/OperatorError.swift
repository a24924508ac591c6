import PandaCore

/// Operator requests that cannot be carried out as given (from the CLI or the admin API).
public enum OperatorError: UserFacingError, Equatable {
    case expiryInPast(String)
    case emptyRoster
    case invalidOnOff(String, setting: String)
    case unknownSetting(String)
    case missingName
    case noEnvironments
    case noDates
    case notBanned(String)

    public var message: String {
        switch self {
        case .expiryInPast(let date): "the expiry \(date) is in the past; give a future date"
        case .emptyRoster:
            "the new roster lists no students; replacing with it would empty the roster. Allow an empty roster"
                + " explicitly if that is intended"
        case .invalidOnOff(let text, let setting): "\(setting) takes on or off, not \"\(text)\""
        case .unknownSetting(let name): "unknown setting \(name)"
        case .missingName: "the institution needs a name; give its display name, e.g. \"University One\""
        case .noEnvironments: "give at least one environment: test, production or both"
        case .noDates: "give at least one date (YYYY-MM-DD)"
        case .notBanned(let address): "\(address) is not banned; see `panda ban list`"
        }
    }
}
