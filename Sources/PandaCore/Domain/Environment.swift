import Foundation

/// The two environments an institution may have; each is a separate SFTP account.
public enum Environment: String, Sendable, CaseIterable, Comparable {
    case test
    case production

    static let testSuffix = "-test"

    /// The account username of this environment: `uni1` for production, `uni1-test` for test.
    public func username(for institution: InstitutionID) -> String {
        switch self {
        case .production: institution.rawValue
        case .test: institution.rawValue + Self.testSuffix
        }
    }

    /// Parses `test`, `production` or a comma-separated list of them.
    public static func parseList(_ text: String) throws(DomainError) -> [Environment] {
        try parse(text.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
    }

    /// Parses environment names (`test`, `production`, also `prod`), each once, in their usual order.
    public static func parse(_ names: [String]) throws(DomainError) -> [Environment] {
        var result: [Environment] = []
        for text in names {
            let name = text.trimmingCharacters(in: .whitespaces).lowercased()
            let env: Environment? =
                switch name {
                case "test": .test
                case "production", "prod": .production
                default: nil
                }
            guard let env else { throw .invalidEnvironment(text) }
            if !result.contains(env) { result.append(env) }
        }
        guard !result.isEmpty else { throw .invalidEnvironment(names.joined(separator: ",")) }
        return result.sorted()
    }

    public static func < (lhs: Environment, rhs: Environment) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
