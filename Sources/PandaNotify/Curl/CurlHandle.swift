import CCurl
import Foundation

/// One libcurl easy handle: the only place Panda calls libcurl's C API (with `CurlLibrary`).
///
/// Set up, performed and freed by one thread for one transfer. Owns what libcurl keeps pointers to until
/// the transfer ends (header lists, the error buffer, the upload bytes) and frees them in `deinit`.
final class CurlHandle {
    private let handle: UnsafeMutableRawPointer
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    /// The bytes an upload (SMTP) reads, and how far it got.
    private var upload: [UInt8] = []
    private var uploadOffset = 0
    /// The start of the response body, kept for error messages.
    private(set) var responsePrefix: [UInt8] = []
    static let responsePrefixLimit = 512

    init() throws(TransferError) {
        try CurlLibrary.ensureInitialized()
        guard let handle = curl_easy_init() else { throw .failed("libcurl could not create a transfer handle") }
        self.handle = handle
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        // Threads and signals do not mix: no SIGALRM for DNS time-outs.
        try set(CURLOPT_NOSIGNAL, 1)
        // Discard (but keep the start of) any response body instead of letting libcurl print it.
        try check(
            panda_curl_set_callback(
                handle, CURLOPT_WRITEFUNCTION,
                { buffer, size, count, context in
                    let total = size * count
                    guard let buffer, let context else { return total }
                    let owner = Unmanaged<CurlHandle>.fromOpaque(context).takeUnretainedValue()
                    owner.keepResponse(UnsafeRawBufferPointer(start: buffer, count: total))
                    return total
                }), "CURLOPT_WRITEFUNCTION")
        try set(CURLOPT_WRITEDATA, pointer: Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    // MARK: - Options

    func set(_ option: CURLoption, _ value: Int) throws(TransferError) {
        try check(panda_curl_set_long(handle, option, value), "option \(option.rawValue)")
    }

    /// libcurl copies string options, so `value` need not outlive the call.
    func set(_ option: CURLoption, _ value: String) throws(TransferError) {
        try check(panda_curl_set_string(handle, option, value), "option \(option.rawValue)")
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(TransferError) {
        try check(panda_curl_set_pointer(handle, option, value), "option \(option.rawValue)")
    }

    /// A list option (headers, recipients); the list lives as long as the handle.
    func set(_ option: CURLoption, list values: [String]) throws(TransferError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            guard let longer = curl_slist_append(list, value) else {
                if let list { curl_slist_free_all(list) }
                throw .failed("libcurl could not allocate a list")
            }
            list = longer
        }
        if let list { lists.append(list) }
        try check(panda_curl_set_list(handle, option, list), "option \(option.rawValue)")
    }

    /// The POST body; libcurl copies it (`CURLOPT_COPYPOSTFIELDS`).
    func setPostBody(_ body: [UInt8]) throws(TransferError) {
        try check(panda_curl_set_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "body size")
        var bytes = body
        if bytes.isEmpty { bytes = [0] }  // a valid pointer for an empty body; the size above says 0
        let result = bytes.withUnsafeMutableBytes { raw in
            panda_curl_set_pointer(handle, CURLOPT_COPYPOSTFIELDS, raw.baseAddress)
        }
        try check(result, "body")
    }

    /// Bytes to upload (the SMTP message), read by libcurl through a callback during `perform`.
    func setUpload(_ bytes: [UInt8]) throws(TransferError) {
        upload = bytes
        uploadOffset = 0
        try set(CURLOPT_UPLOAD, 1)
        try check(panda_curl_set_offset(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(bytes.count)), "upload size")
        try check(
            panda_curl_set_callback(
                handle, CURLOPT_READFUNCTION,
                { buffer, size, count, context in
                    guard let buffer, let context else { return 0 }
                    let owner = Unmanaged<CurlHandle>.fromOpaque(context).takeUnretainedValue()
                    return owner.readUpload(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
                }), "CURLOPT_READFUNCTION")
        try set(CURLOPT_READDATA, pointer: Unmanaged.passUnretained(self).toOpaque())
    }

    // MARK: - Transfer

    /// Runs the transfer; returns libcurl's result code (`CURLE_OK` when the exchange completed).
    func perform() -> CURLcode {
        withExtendedLifetime(self) { curl_easy_perform(handle) }
    }

    /// The last HTTP status or SMTP reply code (0 when the server never answered).
    var responseCode: Int {
        var code = 0
        _ = panda_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// The system error of the last failed connect (e.g. `ECONNREFUSED`).
    var osErrno: Int32 {
        var value = 0
        _ = panda_curl_get_long(handle, CURLINFO_OS_ERRNO, &value)
        return Int32(value)
    }

    /// libcurl's detailed message for the last failure, or its generic text for `code`.
    func message(for code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    // MARK: - Callbacks

    private func keepResponse(_ bytes: UnsafeRawBufferPointer) {
        let room = Self.responsePrefixLimit - responsePrefix.count
        if room > 0 { responsePrefix += bytes.prefix(room) }
    }

    private func readUpload(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, upload.count - uploadOffset)
        guard count > 0 else { return 0 }
        upload.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + uploadOffset, byteCount: count)
        }
        uploadOffset += count
        return count
    }

    private func check(_ code: CURLcode, _ what: String) throws(TransferError) {
        guard code == CURLE_OK else {
            throw .invalidRequest("libcurl refused \(what): \(String(cString: curl_easy_strerror(code)))")
        }
    }
}
