import PandaStore

/// Told of every file the importer processed, with how long it took (the server feeds its metrics with it).
/// Called on the importer's thread after the file's commit: keep it quick.
public protocol ImportObserver: Sendable {
    func fileProcessed(_ entry: FileEntry, duration: Duration)
}
