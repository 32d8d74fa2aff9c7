internal import CCurl

/// A libcurl easy handle: one transfer at a time, used from one thread at a time.
///
/// A thin typed wrapper in the style of swift-system: options and infos are Swift values that
/// name the libcurl constant they stand for, so that no C type leaves this file (and
/// `CurlError.swift`). The handle is cleaned up in `deinit`. Callbacks are Swift closures,
/// reached from libcurl's C callbacks through `Unmanaged` userdata; the C callbacks capture
/// nothing.
final class CurlEasy {
  private let handle: UnsafeMutableRawPointer
  /// `CURLOPT_ERRORBUFFER`: libcurl writes its explanation of a failure here.
  private let errorBuffer: UnsafeMutablePointer<CChar>
  private var headerList: UnsafeMutablePointer<curl_slist>?

  /// Creates a handle with `CURLOPT_NOSIGNAL` set (libcurl must not use signals in a threaded
  /// daemon) and libcurl's error buffer attached.
  init() throws(CurlError) {
    if let failure = CurlGlobal.initializationFailure {
      throw failure
    }
    guard let handle = ccurl_easy_init() else {
      throw CurlError(code: .failedInit, message: "curl_easy_init failed")
    }
    self.handle = handle
    let size = Int(CURL_ERROR_SIZE)
    errorBuffer = .allocate(capacity: size)
    errorBuffer.initialize(repeating: 0, count: size)
    try check(ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
    try set(.noSignal, 1)
  }

  deinit {
    ccurl_easy_cleanup(handle)
    ccurl_slist_free_all(headerList)
    errorBuffer.deinitialize(count: Int(CURL_ERROR_SIZE))
    errorBuffer.deallocate()
  }

  // MARK: Options

  func set(_ option: LongOption, _ value: Int) throws(CurlError) {
    try check(ccurl_easy_setopt_long(handle, option.option, value))
  }

  /// libcurl copies the string.
  func set(_ option: StringOption, _ value: String) throws(CurlError) {
    try check(ccurl_easy_setopt_string(handle, option.option, value))
  }

  func set(_ option: OffTOption, _ value: Int64) throws(CurlError) {
    try check(ccurl_easy_setopt_off_t(handle, option.option, curl_off_t(value)))
  }

  /// `CURLOPT_HTTPHEADER`: request header lines ("Name: value"), replacing any set before.
  func setHeaders(_ lines: [String]) throws(CurlError) {
    var list: UnsafeMutablePointer<curl_slist>?
    for line in lines {
      guard let longer = ccurl_slist_append(list, line) else {
        ccurl_slist_free_all(list)
        throw CurlError(code: .outOfMemory, message: "curl_slist_append failed")
      }
      list = longer
    }
    try check(ccurl_easy_setopt_pointer(handle, CURLOPT_HTTPHEADER, list))
    ccurl_slist_free_all(headerList)
    headerList = list
  }

  // MARK: Transfer

  /// What a transfer calls back with. Each closure runs on the thread that called `perform`.
  struct Callbacks {
    /// One header line, without its CR LF, for every response (redirects and interim
    /// responses included; each starts with its status line) and the empty line that ends it.
    var header: (String) -> Void = { _ in }
    /// The next piece of the body, decompressed. Return false to abort the transfer
    /// (`perform` then throws `.writeError`).
    var body: ([UInt8]) -> Bool = { _ in true }
    /// Called several times a second while the transfer runs, and at least once a second when
    /// nothing arrives. Return false to abort the transfer (`.abortedByCallback`).
    var progress: () -> Bool = { true }
  }

  /// `curl_easy_perform`: runs the transfer, blocking the calling thread.
  func perform(_ callbacks: Callbacks) throws(CurlError) {
    let box = CallbackBox(callbacks)
    let userdata = Unmanaged.passUnretained(box).toOpaque()
    errorBuffer[0] = 0
    try check(
      ccurl_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION) {
        buffer, size, count, userdata in
        let total = size * count
        guard let userdata else { return 0 }
        let box = Unmanaged<CallbackBox>.fromOpaque(userdata).takeUnretainedValue()
        let bytes = total == 0 ? [] : [UInt8](UnsafeRawBufferPointer(start: buffer, count: total))
        return box.callbacks.body(bytes) ? total : 0
      })
    try check(
      ccurl_easy_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION) {
        buffer, size, count, userdata in
        let total = size * count
        guard let userdata else { return 0 }
        let box = Unmanaged<CallbackBox>.fromOpaque(userdata).takeUnretainedValue()
        var line = String(
          decoding: UnsafeRawBufferPointer(start: buffer, count: total), as: UTF8.self)
        while let last = line.last, last.isNewline {
          line.removeLast()
        }
        box.callbacks.header(line)
        return total
      })
    try check(
      ccurl_easy_setopt_xferinfo_callback(handle, CURLOPT_XFERINFOFUNCTION) {
        userdata, _, _, _, _ in
        guard let userdata else { return 1 }
        let box = Unmanaged<CallbackBox>.fromOpaque(userdata).takeUnretainedValue()
        return box.callbacks.progress() ? 0 : 1
      })
    try check(ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, userdata))
    try check(ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, userdata))
    try check(ccurl_easy_setopt_pointer(handle, CURLOPT_XFERINFODATA, userdata))
    try set(.noProgress, 0)

    let code = withExtendedLifetime(box) { ccurl_easy_perform(handle) }

    // The box dies with this call: a stale pointer must never reach the callbacks.
    _ = ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, nil)
    _ = ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, nil)
    _ = ccurl_easy_setopt_pointer(handle, CURLOPT_XFERINFODATA, nil)
    try check(code)
  }

  // MARK: Infos (curl_easy_getinfo), after a transfer

  /// The value, or 0 when libcurl does not know it.
  func info(_ info: LongInfo) -> Int {
    var value = 0
    return ccurl_easy_getinfo_long(handle, info.info, &value) == CURLE_OK ? value : 0
  }

  /// The value, or -1 when libcurl does not know it (as libcurl reports an unknown length).
  func info(_ info: OffTInfo) -> Int64 {
    var value: curl_off_t = -1
    return ccurl_easy_getinfo_off_t(handle, info.info, &value) == CURLE_OK ? Int64(value) : -1
  }

  /// A time libcurl measured, or nil when it did not get that far (libcurl reports 0).
  func info(_ info: TimeInfo) -> Duration? {
    var microseconds: curl_off_t = 0
    guard ccurl_easy_getinfo_off_t(handle, info.info, &microseconds) == CURLE_OK,
      microseconds > 0
    else { return nil }
    return .microseconds(Int64(microseconds))
  }

  func info(_ info: StringInfo) -> String? {
    var value: UnsafePointer<CChar>?
    guard ccurl_easy_getinfo_string(handle, info.info, &value) == CURLE_OK, let value else {
      return nil
    }
    return String(cString: value)
  }

  // MARK: Private

  private func check(_ code: CURLcode) throws(CurlError) {
    guard code != CURLE_OK else { return }
    let message = String(cString: errorBuffer)
    throw CurlError(code: CurlError.Code(code), message: message)
  }
}

extension CurlEasy {
  /// Options that take a `long` (`CURLOPTTYPE_LONG`, `CURLOPTTYPE_VALUES`).
  struct LongOption {
    fileprivate let option: CURLoption

    static let noSignal = Self(option: CURLOPT_NOSIGNAL)
    static let noProgress = Self(option: CURLOPT_NOPROGRESS)
    static let followLocation = Self(option: CURLOPT_FOLLOWLOCATION)
    static let maxRedirects = Self(option: CURLOPT_MAXREDIRS)
    static let timeoutMilliseconds = Self(option: CURLOPT_TIMEOUT_MS)
    static let connectTimeoutMilliseconds = Self(option: CURLOPT_CONNECTTIMEOUT_MS)
    static let sslVerifyPeer = Self(option: CURLOPT_SSL_VERIFYPEER)
    static let sslVerifyHost = Self(option: CURLOPT_SSL_VERIFYHOST)
    static let failOnError = Self(option: CURLOPT_FAILONERROR)
  }

  /// Options that take a string (`CURLOPTTYPE_STRINGPOINT`).
  struct StringOption {
    fileprivate let option: CURLoption

    static let url = Self(option: CURLOPT_URL)
    static let userAgent = Self(option: CURLOPT_USERAGENT)
    /// "" asks for every encoding libcurl can decode, and decodes it.
    static let acceptEncoding = Self(option: CURLOPT_ACCEPT_ENCODING)
    static let caInfo = Self(option: CURLOPT_CAINFO)
    /// Protocols a transfer may use at all: "http,https".
    static let protocols = Self(option: CURLOPT_PROTOCOLS_STR)
    /// Protocols a redirect may lead to.
    static let redirectProtocols = Self(option: CURLOPT_REDIR_PROTOCOLS_STR)
  }

  /// Options that take a `curl_off_t` (`CURLOPTTYPE_OFF_T`).
  struct OffTOption {
    fileprivate let option: CURLoption

    /// Refuses a body whose Content-Length exceeds it (not enforced on chunked or compressed
    /// bodies).
    static let maxFileSize = Self(option: CURLOPT_MAXFILESIZE_LARGE)
  }

  /// Infos of type `CURLINFO_LONG`.
  struct LongInfo {
    fileprivate let info: CURLINFO

    /// The last response's status code, 0 when none arrived.
    static let responseCode = Self(info: CURLINFO_RESPONSE_CODE)
    /// Bytes of all headers received.
    static let headerSize = Self(info: CURLINFO_HEADER_SIZE)
    static let redirectCount = Self(info: CURLINFO_REDIRECT_COUNT)
    /// errno of the last failed system call (connect, recv).
    static let osErrno = Self(info: CURLINFO_OS_ERRNO)
  }

  /// Infos of type `CURLINFO_OFF_T` that count bytes.
  struct OffTInfo {
    fileprivate let info: CURLINFO

    /// Body bytes received, as they came over the wire (before decompression).
    static let downloadSize = Self(info: CURLINFO_SIZE_DOWNLOAD_T)
    /// The last response's Content-Length, -1 when it had none.
    static let contentLength = Self(info: CURLINFO_CONTENT_LENGTH_DOWNLOAD_T)
  }

  /// Infos of type `CURLINFO_OFF_T` that are times in microseconds.
  struct TimeInfo {
    fileprivate let info: CURLINFO

    /// From the start until the connection was made.
    static let connect = Self(info: CURLINFO_CONNECT_TIME_T)
    static let total = Self(info: CURLINFO_TOTAL_TIME_T)
  }

  /// Infos of type `CURLINFO_STRING`.
  struct StringInfo {
    fileprivate let info: CURLINFO

    static let effectiveURL = Self(info: CURLINFO_EFFECTIVE_URL)
    /// Where the last response redirected to, had it been followed.
    static let redirectURL = Self(info: CURLINFO_REDIRECT_URL)
    static let primaryIP = Self(info: CURLINFO_PRIMARY_IP)
  }
}

/// The callbacks of one `perform`, reached through the C callbacks' userdata.
private final class CallbackBox {
  let callbacks: CurlEasy.Callbacks

  init(_ callbacks: CurlEasy.Callbacks) {
    self.callbacks = callbacks
  }
}

/// libcurl loaded and `curl_global_init` called, once per process, before the first handle.
private enum CurlGlobal {
  /// nil when libcurl is loaded and initialised; else why not, naming the package to install.
  static var initializationFailure: CurlError? {
    var reason: UnsafePointer<CChar>?
    let code = ccurl_load(&reason)
    guard code != CURLE_OK else { return nil }
    return CurlError(code: CurlError.Code(code), message: reason.map { String(cString: $0) } ?? "")
  }
}
