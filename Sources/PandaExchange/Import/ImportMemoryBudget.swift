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
    /// Stored fingerprints loaded into memory at most (about 32 bytes each); more are read from the store.
    var fingerprintRecords = 1_250_000
    /// Students in scope loaded into memory at most (about 24 bytes each); more are read from the store.
    var rosterStudents = 1_500_000

    static let standard = ImportMemoryBudget()
}
