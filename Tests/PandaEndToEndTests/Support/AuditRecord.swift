import Foundation

/// One entry of `panda audit --json`.
struct AuditRecord: Decodable, Sendable, CustomStringConvertible {
    let id: Int
    let at: String
    let account: String?
    let actor: String
    let event: String
    let address: String?
    let detail: String

    var description: String { "\(event) [\(account ?? "-")] \(detail)" }

    /// The value of `key=value` in the detail (quoted values unquoted), e.g. `field("sha256")`.
    func field(_ key: String) -> String? {
        var rest = Substring(detail)
        while !rest.isEmpty {
            rest = rest.drop(while: { $0 == " " })
            guard let equals = rest.firstIndex(of: "=") else { return nil }
            let name = rest[..<equals]
            rest = rest[rest.index(after: equals)...]
            let value: Substring
            if rest.first == "\"" {
                var index = rest.index(after: rest.startIndex)
                while index < rest.endIndex, rest[index] != "\"" {
                    if rest[index] == "\\" { index = rest.index(after: index) }
                    if index < rest.endIndex { index = rest.index(after: index) }
                }
                value = rest[rest.index(after: rest.startIndex)..<min(index, rest.endIndex)]
                rest = index < rest.endIndex ? rest[rest.index(after: index)...] : ""
            } else {
                let end = rest.firstIndex(of: " ") ?? rest.endIndex
                value = rest[..<end]
                rest = rest[end...]
            }
            if name == key { return String(value) }
        }
        return nil
    }
}

extension Array where Element == AuditRecord {
    /// Entries of one event, e.g. `file.upload`.
    func events(_ event: String) -> [AuditRecord] { filter { $0.event == event } }

    /// `file.upload` entries for the virtual path `file`.
    func uploads(of file: String) -> [AuditRecord] { events("file.upload").filter { $0.field("file") == file } }
}
