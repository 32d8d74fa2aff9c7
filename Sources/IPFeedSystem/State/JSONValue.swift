import IPFeedCore

/// A JSON document for `--json` output: objects keep their keys in the order given, so that the
/// output is stable and reads in a sensible order, and a missing value is an explicit `null`.
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int64)
  case string(String)
  case array([JSONValue])
  case object([Field])

  public struct Field: Sendable, Hashable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
      self.key = key
      self.value = value
    }
  }

  public static func string(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
  public static func int(_ value: Int?) -> JSONValue { value.map { .int(Int64($0)) } ?? .null }
  public static func int(_ value: Int64?) -> JSONValue { value.map(JSONValue.int) ?? .null }

  /// Pretty-printed with two spaces, ending in a newline.
  public var text: String {
    var out = ""
    write(to: &out, indent: "")
    return out + "\n"
  }

  private func write(to out: inout String, indent: String) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .int(let value): out += String(value)
    case .string(let value): Self.writeString(value, to: &out)
    case .array(let values):
      guard !values.isEmpty else {
        out += "[]"
        return
      }
      out += "[\n"
      for (index, value) in values.enumerated() {
        out += indent + "  "
        value.write(to: &out, indent: indent + "  ")
        out += index == values.count - 1 ? "\n" : ",\n"
      }
      out += indent + "]"
    case .object(let fields):
      guard !fields.isEmpty else {
        out += "{}"
        return
      }
      out += "{\n"
      for (index, field) in fields.enumerated() {
        out += indent + "  "
        Self.writeString(field.key, to: &out)
        out += ": "
        field.value.write(to: &out, indent: indent + "  ")
        out += index == fields.count - 1 ? "\n" : ",\n"
      }
      out += indent + "}"
    }
  }

  private static func writeString(_ text: String, to out: inout String) {
    out += FlatJSONObject.quoted(text)
  }

}
