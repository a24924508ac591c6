/// How much memory an import may hold for what grows with the file or the account, whatever their size.
///
/// Beyond these, duplicate keys spill to disk (`SpillingKeyIndex`), and stored fingerprints and the students
/// in scope are read from the store as the file goes (`FingerprintCursor`, `StudentCursor`) instead of
/// loaded. Tests shrink them to force those paths.
struct ImportMemoryBudget: Sendable {
    /// Bytes for the keys of the file's rows (`KeyWindow`): about a million 8-byte keys before a spill.
    var duplicateKeys = 40 << 20
    /// Bytes for the duplicate rows a second pass answers from (`DuplicateLineList`).
    var duplicateLines = 8 << 20
    /// Bytes for the stored fingerprints loaded into memory (about 28 bytes a record plus its key: 1.1
    /// million records with 8-byte UserIDs); more are read from the store as the file goes.
    var fingerprints = 40 << 20
    /// Bytes for the students in scope loaded into memory (about 16 bytes a student plus the UserID: 1.4
    /// million 8-byte UserIDs); more are read from the store as the file goes.
    var roster = 32 << 20

    static let standard = ImportMemoryBudget()
}
