/// The file formats institutions upload (spec §5): reader, writer, format table and validation.
///
/// Layers, each usable alone: `CSVReader` turns bytes into `CSVRow`s (dialect, limits), `FormatTable`
/// describes every record type as data, `FileValidator` turns rows into typed `Record`s or `RowError`s,
/// and `RecordEcho`/`MaskedFileCopy` render rows back with secrets replaced by `***`.
public enum PandaFormats {}
