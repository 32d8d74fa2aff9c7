internal import CCrypto

/// SHA-256 through OpenSSL's libcrypto (which libcurl loads anyway): the digest of the rules
/// file that the state journal records and compares.
public enum SHA256Digest {
  /// The digest of `bytes` as 64 lowercase hexadecimal digits.
  public static func hex(_ bytes: [UInt8]) -> String {
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    let status = bytes.withUnsafeBytes { input in
      digest.withUnsafeMutableBufferPointer { output in
        EVP_Digest(input.baseAddress, input.count, output.baseAddress, &length, EVP_sha256(), nil)
      }
    }
    // EVP_Digest fails only when OpenSSL cannot allocate or has no SHA-256: nothing to recover.
    precondition(status == 1 && length == 32, "OpenSSL's SHA-256 failed")
    let hexDigits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in digest.prefix(Int(length)) {
      text.append(hexDigits[Int(byte >> 4)])
      text.append(hexDigits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
