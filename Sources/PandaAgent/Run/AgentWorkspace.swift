import Foundation

/// A private temporary directory (mode 0700) for the filtered copies; the input files are never changed.
final class AgentWorkspace {
    let path: String

    init(root: String? = nil) throws(AgentError) {
        var base = root ?? NSTemporaryDirectory()
        if !base.hasSuffix("/") { base += "/" }
        var template = Array((base + "panda-agent.XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else {
            throw .temporaryDirectory(reason: String(cString: strerror(errno)))
        }
        path = String(cString: created)
        chmod(path, 0o700)
    }

    /// A path inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// Removes the directory and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
