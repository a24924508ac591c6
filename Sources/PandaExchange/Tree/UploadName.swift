/// Rules for names uploaded into `/inbound` and `/validate`.
public enum UploadName {
    /// Suffixes of temporary names that clients upload to and rename afterwards (WinSCP, FileZilla, rclone…).
    public static let temporarySuffixes = [".filepart", ".part", ".partial", ".tmp"]

    /// Whether `name` is a temporary upload name: such a file is not processed until renamed.
    public static func isTemporary(_ name: String) -> Bool {
        let lower = name.lowercased()
        return name.hasPrefix(".") || temporarySuffixes.contains { lower.hasSuffix($0) }
    }

    /// Why `name` cannot be uploaded, or nil. Control characters would corrupt listings and reports.
    static func problem(_ name: String) -> String? {
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            return "file names must not contain control characters"
        }
        return nil
    }
}
