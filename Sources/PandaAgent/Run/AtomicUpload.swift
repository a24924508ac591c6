/// Sends a file under a temporary name and renames it into place, so the server never processes a
/// partial file: Panda stores `NAME.part` without queueing it, and the rename completes the upload.
struct AtomicUpload {
    let remote: any RemoteExchange
    let folder: String

    static let temporarySuffix = ".part"

    func path(_ name: String) -> String { folder.hasSuffix("/") ? folder + name : folder + "/" + name }

    /// Uploads `localPath` as `folder/name`. On failure the temporary file is removed if possible; the
    /// error says whether it was.
    func send(_ localPath: String, as name: String) throws(UploadFailure) {
        let temporary = path(name + Self.temporarySuffix)
        do {
            try remote.upload(from: localPath, to: temporary)
            try remote.rename(temporary, to: path(name))
        } catch {
            let removed = (try? remote.remove(temporary)) != nil
            throw UploadFailure(reason: "\(error)", temporaryName: temporary, partialRemoved: removed)
        }
    }
}

/// An upload that did not complete.
struct UploadFailure: Error {
    let reason: String
    let temporaryName: String
    let partialRemoved: Bool
}
