/// Why a public key cannot be registered or used.
public enum KeyError: UserFacingError, Equatable {
    case empty
    case privateKeyGiven
    case multipleKeys(count: Int)
    case malformed(String)
    case unsupportedType(String)
    case certificate(String)
    case dsaRefused
    case rsaTooShort(bits: Int, minimum: Int)
    case typeMismatch(declared: String, actual: String)
    case unsupportedOption(String)
    case invalidOptionValue(option: String, value: String, reason: String)

    private static let generate = "Generate a new key with `ssh-keygen -t ed25519` and register its .pub file"

    public var message: String {
        switch self {
        case .empty:
            "the key file is empty; give the .pub file of the key pair, e.g. ~/.ssh/id_ed25519.pub"
        case .privateKeyGiven:
            "this is a PRIVATE key; never send it to anyone. Register the matching .pub file instead"
                + " (it stays on the institution's machine)"
        case .multipleKeys(let count):
            "the file holds \(count) keys; register them one at a time"
        case .malformed(let reason):
            "not an OpenSSH public key (\(reason)); expected a line like `ssh-ed25519 AAAAC3Nz… comment`"
                + " as found in a .pub file"
        case .unsupportedType(let type):
            "key type \(type) is not accepted; use ED25519, ECDSA or RSA (2048 bits or more): \(Self.generate)"
        case .certificate(let type):
            "\(type) is an SSH certificate; Panda registers plain public keys. Give the key's .pub file"
        case .dsaRefused:
            "DSA keys are refused: DSA is obsolete and insecure. \(Self.generate)"
        case .rsaTooShort(let bits, let minimum):
            "RSA key of \(bits) bits is too short; at least \(minimum) bits are required. \(Self.generate)"
                + " (or `ssh-keygen -t rsa -b 3072`)"
        case .typeMismatch(let declared, let actual):
            "the key says it is \(declared) but its data is a \(actual) key; the line was probably edited by hand"
        case .unsupportedOption(let option):
            "authorized_keys option \"\(option)\" is not supported; only from=\"…\" and expiry-time=\"…\" are"
                + " (Panda already refuses shells, commands and forwarding). Remove the option and try again"
        case .invalidOptionValue(let option, let value, let reason):
            "invalid \(option)=\"\(value)\": \(reason)"
        }
    }
}
