import Logging

/// How a log event becomes a journal entry: `MESSAGE`, `PRIORITY`, `SYSLOG_IDENTIFIER`,
/// `CODE_FILE`/`CODE_LINE`/`CODE_FUNC`, and each metadata key as a field `IPFEED_KEY`, except
/// `message_id`, which becomes the entry's `MESSAGE_ID`.
public enum JournalFields {
  public static let identifier = "falco-ipfeed"

  /// The metadata key whose value becomes `MESSAGE_ID`.
  public static let messageIDKey = "message_id"

  public static func fields(
    message: String, level: Logger.Level, metadata: Logger.Metadata, file: String, line: UInt,
    function: String
  ) -> [(name: String, value: String)] {
    var fields: [(name: String, value: String)] = [
      ("MESSAGE", text(message: message, metadata: metadata)),
      ("PRIORITY", String(priority(level))),
      ("SYSLOG_IDENTIFIER", identifier),
      ("CODE_FILE", file),
      ("CODE_LINE", String(line)),
      ("CODE_FUNC", function),
    ]
    for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
      if key == messageIDKey {
        fields.append(("MESSAGE_ID", "\(value)"))
      } else if let name = fieldName(key) {
        fields.append((name, "\(value)"))
      }
    }
    return fields
  }

  /// syslog priorities: 2 critical … 7 debug.
  public static func priority(_ level: Logger.Level) -> Int {
    switch level {
    case .trace, .debug: 7
    case .info: 6
    case .notice: 5
    case .warning: 4
    case .error: 3
    case .critical: 2
    }
  }

  /// `IPFEED_` and the key upper-cased, every character that a journal field name cannot hold
  /// (only A–Z, 0–9 and _) turned into `_`; nil for an empty key. Journal names are at most 64
  /// characters.
  public static func fieldName(_ key: String) -> String? {
    guard !key.isEmpty else { return nil }
    var name = "IPFEED_"
    for byte in key.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"):
        name.unicodeScalars.append(Unicode.Scalar(byte - 32))
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        name.unicodeScalars.append(Unicode.Scalar(byte))
      default: name += "_"
      }
    }
    return String(name.prefix(64))
  }

  /// The human-readable message, for the journal and for standard error: the constant text, then
  /// the data in parentheses (without the MESSAGE_ID), so that a plain
  /// `journalctl -u falco-ipfeed` shows the numbers too.
  public static func text(message: String, metadata: Logger.Metadata) -> String {
    let shown = metadata.filter { $0.key != messageIDKey }.sorted { $0.key < $1.key }
    guard !shown.isEmpty else { return message }
    return message + " (" + shown.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + ")"
  }
}
