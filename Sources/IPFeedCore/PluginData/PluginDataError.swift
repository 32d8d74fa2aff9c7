/// Why bytes are not a usable plugin data file. A file with any of these is refused whole: the
/// reader keeps the set it had.
public enum PluginDataError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Shorter than its header says (or than a header): a copy still in progress, or cut off.
  case truncated(expectedBytes: Int, actualBytes: Int)
  /// Does not start with the format's magic bytes: not a falco-ipfeed data file.
  case badMagic([UInt8])
  /// Written by a version of the format this reader does not know.
  case unsupportedVersion(UInt16)
  /// Longer than the largest file the reader accepts.
  case tooLarge(bytes: Int, limit: Int)
  /// Longer than its header says.
  case trailingBytes(expectedBytes: Int, actualBytes: Int)
  /// The header's counts and lengths do not add up.
  case inconsistentHeader(String)
  /// The payload's CRC-32 is not the one in the header: the file was damaged.
  case checksumMismatch(stored: UInt32, computed: UInt32)
  /// The table of source names cannot be read.
  case badSourceTable(String)
  /// An address record breaks the format's rules (order, family, source index).
  case badRecord(family: String, index: Int, reason: String)

  public var description: String {
    let fix = "rewrite it with falco-ipfeed (plugin mode writes it on the next change)"
    switch self {
    case .truncated(let expected, let actual):
      return "data file is truncated: \(actual) bytes, its header needs \(expected); \(fix)"
    case .badMagic(let bytes):
      let shown = bytes.map { byte in
        byte >= 0x20 && byte < 0x7f ? String(UnicodeScalar(byte)) : "\\x" + hex(byte)
      }.joined()
      return "not a falco-ipfeed data file: it starts with \"\(shown)\", not \"IPFDATA\\0\"; "
        + "point data_path at the file that falco-ipfeed writes (output.data_path)"
    case .unsupportedVersion(let version):
      return "data file has format version \(version); this reader knows only version "
        + "\(PluginDataFile.formatVersion): install the plugin and daemon of the same release"
    case .tooLarge(let bytes, let limit):
      return "data file is \(bytes) bytes, more than the \(limit) this reader accepts; "
        + "raise the threshold so fewer addresses are listed"
    case .trailingBytes(let expected, let actual):
      return "data file has \(actual) bytes, its header says \(expected); \(fix)"
    case .inconsistentHeader(let reason):
      return "data file header is inconsistent: \(reason); \(fix)"
    case .checksumMismatch(let stored, let computed):
      return "data file is damaged: payload CRC-32 is \(hex32(computed)), the header says "
        + "\(hex32(stored)); \(fix)"
    case .badSourceTable(let reason):
      return "data file's source table is bad: \(reason); \(fix)"
    case .badRecord(let family, let index, let reason):
      return "data file's \(family) record \(index) is bad: \(reason); \(fix)"
    }
  }
}

private func hex(_ byte: UInt8) -> String {
  let digits = Array("0123456789abcdef")
  return String([digits[Int(byte >> 4)], digits[Int(byte & 0xf)]])
}

private func hex32(_ value: UInt32) -> String {
  "0x" + (0..<4).map { hex(UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32($0)))) }.joined()
}
