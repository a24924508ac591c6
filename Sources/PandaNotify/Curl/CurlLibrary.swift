import CCurl

/// libcurl's process-wide set-up, done once before the first transfer.
///
/// `curl_global_init` is not thread-safe and must run once; a `static let` gives exactly that (Swift
/// initializes it once, under a lock, on first use). It is never undone: the process ends with the server.
enum CurlLibrary {
    private static let initialized: CURLcode = panda_curl_global_init()

    /// Makes sure libcurl is initialized; throws if it could not be.
    static func ensureInitialized() throws(TransferError) {
        guard initialized == CURLE_OK else {
            throw .failed("libcurl could not be initialized (\(String(cString: curl_easy_strerror(initialized))))")
        }
    }
}
