/// Where an account's cycle of one day stands (spec §1; `panda status`, the JSON contract's `state`).
///
/// `scheduled → published → retrieved → uploaded → processed | processed_with_errors | held`, or `missed`
/// when the deadline passed with nothing uploaded; `none` on a day without a cycle.
public enum CycleState: String, Sendable, CaseIterable {
    /// The day has a cycle; students.csv is not published yet.
    case scheduled
    /// students.csv is published; the institution has not downloaded it yet.
    case published
    /// The institution downloaded students.csv.
    case retrieved
    /// Files arrived and wait for the importer (the settle time).
    case uploaded
    /// Every file was applied without a row error.
    case processed
    /// Files were applied with rejected rows, or a file was rejected whole (or discarded).
    case processedWithErrors = "processed_with_errors"
    /// A file crossed the safety threshold and waits for the operator.
    case held
    /// The deadline passed with nothing uploaded.
    case missed
    /// A weekend, holiday or pause day, or a day before the account existed.
    case none
}
