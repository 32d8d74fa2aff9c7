internal import CCrypto

/// SHA-256 through OpenSSL's libcrypto (which libcurl loads anyway, and which is loaded here on
/// first use): the digest of the rules file that the state journal records and compares.
public enum SHA256Digest {
  /// The digest of `bytes` as 64 lowercase hexadecimal digits.
  public static func hex(_ bytes: [UInt8]) -> String {
    var digest = [UInt8](repeating: 0, count: 32)
    var failure: UnsafePointer<CChar>?
    let computed = bytes.withUnsafeBytes { input in
      digest.withUnsafeMutableBufferPointer { output in
        ccrypto_sha256(input.baseAddress, input.count, output.baseAddress, &failure)
      }
    }
    // Fails only when libcrypto.so.3 is missing (libcurl4 depends on it, so only on a broken
    // install) or OpenSSL cannot allocate: nothing to recover, and nothing is written yet.
    guard computed else {
      fatalError("falco-ipfeed: \(failure.map { String(cString: $0) } ?? "SHA-256 failed")")
    }
    let hexDigits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in digest {
      text.append(hexDigits[Int(byte >> 4)])
      text.append(hexDigits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
