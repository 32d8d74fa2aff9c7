internal import CCurl

/// A failed libcurl call: its `CURLcode` and libcurl's own explanation (the text of
/// `CURLOPT_ERRORBUFFER`). It names no URL: the caller knows which one, and shows it redacted.
struct CurlError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A `CURLcode` as a Swift value, so that code outside the wrapping files needs no C types.
  struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    var rawValue: Int32

    init(rawValue: Int32) {
      self.rawValue = rawValue
    }

    init(_ code: CURLcode) {
      self.rawValue = Int32(code.rawValue)
    }

    /// libcurl's generic text for the code (`curl_easy_strerror`).
    var description: String {
      String(cString: ccurl_easy_strerror(CURLcode(rawValue: UInt32(bitPattern: rawValue))))
    }
  }

  var code: Code
  /// libcurl's explanation of this failure: the error buffer's text, or the generic text of the
  /// code when the buffer is empty.
  var message: String

  init(code: Code, message: String = "") {
    self.code = code
    self.message = message.isEmpty ? code.description : message
  }

  var description: String {
    "libcurl error \(code.rawValue): \(message)"
  }
}

extension CurlError.Code {
  static let ok = Self(CURLE_OK)
  static let unsupportedProtocol = Self(CURLE_UNSUPPORTED_PROTOCOL)
  static let failedInit = Self(CURLE_FAILED_INIT)
  static let urlMalformat = Self(CURLE_URL_MALFORMAT)
  static let couldntResolveProxy = Self(CURLE_COULDNT_RESOLVE_PROXY)
  static let couldntResolveHost = Self(CURLE_COULDNT_RESOLVE_HOST)
  static let couldntConnect = Self(CURLE_COULDNT_CONNECT)
  static let weirdServerReply = Self(CURLE_WEIRD_SERVER_REPLY)
  static let http2 = Self(CURLE_HTTP2)
  static let partialFile = Self(CURLE_PARTIAL_FILE)
  static let httpReturnedError = Self(CURLE_HTTP_RETURNED_ERROR)
  static let writeError = Self(CURLE_WRITE_ERROR)
  static let outOfMemory = Self(CURLE_OUT_OF_MEMORY)
  static let operationTimedOut = Self(CURLE_OPERATION_TIMEDOUT)
  static let sslConnectError = Self(CURLE_SSL_CONNECT_ERROR)
  static let abortedByCallback = Self(CURLE_ABORTED_BY_CALLBACK)
  static let tooManyRedirects = Self(CURLE_TOO_MANY_REDIRECTS)
  static let gotNothing = Self(CURLE_GOT_NOTHING)
  static let sslEngineNotFound = Self(CURLE_SSL_ENGINE_NOTFOUND)
  static let sendError = Self(CURLE_SEND_ERROR)
  static let recvError = Self(CURLE_RECV_ERROR)
  static let sslCertProblem = Self(CURLE_SSL_CERTPROBLEM)
  static let sslCipher = Self(CURLE_SSL_CIPHER)
  static let peerFailedVerification = Self(CURLE_PEER_FAILED_VERIFICATION)
  static let badContentEncoding = Self(CURLE_BAD_CONTENT_ENCODING)
  static let filesizeExceeded = Self(CURLE_FILESIZE_EXCEEDED)
  static let sslCACertBadFile = Self(CURLE_SSL_CACERT_BADFILE)
  static let sslShutdownFailed = Self(CURLE_SSL_SHUTDOWN_FAILED)
  static let sslCRLBadFile = Self(CURLE_SSL_CRL_BADFILE)
  static let sslIssuerError = Self(CURLE_SSL_ISSUER_ERROR)
  static let http2Stream = Self(CURLE_HTTP2_STREAM)
  static let http3 = Self(CURLE_HTTP3)
  static let proxy = Self(CURLE_PROXY)
  static let sslClientCert = Self(CURLE_SSL_CLIENTCERT)
  static let unrecoverablePoll = Self(CURLE_UNRECOVERABLE_POLL)
}
