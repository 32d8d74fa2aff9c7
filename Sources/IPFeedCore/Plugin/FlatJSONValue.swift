/// A value of a flat JSON object: no arrays, no nested objects.
public enum FlatJSONValue: Sendable, Hashable {
  case string(String)
  case integer(Int64)
  case bool(Bool)
  case null

  /// The JSON type's name, for error messages.
  public var typeName: String {
    switch self {
    case .string: "string"
    case .integer: "integer"
    case .bool: "boolean"
    case .null: "null"
    }
  }
}
