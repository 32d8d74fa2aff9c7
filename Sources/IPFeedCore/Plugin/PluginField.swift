/// The fields the plugin extracts, in the order of `plugin_get_fields` (their ids).
public enum PluginField: UInt32, CaseIterable, Sendable {
  case listed
  case address
  case score
  case source
  case since
  case generation

  public var name: String {
    switch self {
    case .listed: "ipfeed.listed"
    case .address: "ipfeed.address"
    case .score: "ipfeed.score"
    case .source: "ipfeed.source"
    case .since: "ipfeed.since"
    case .generation: "ipfeed.generation"
    }
  }

  /// The plugin API's type name.
  public var typeName: String {
    switch self {
    case .listed: "bool"
    case .address, .source, .since: "string"
    case .score, .generation: "uint64"
    }
  }

  public var summary: String {
    switch self {
    case .listed:
      "Either end of the connection (connect, accept, accept4) is on falco-ipfeed's list."
    case .address: "The listed end of the connection (the remote one when both are listed)."
    case .score: "The listed address's score (IPsum: how many blacklists name it)."
    case .source: "The source that listed the address (a source name of falco-ipfeed's config)."
    case .since: "When the address was listed, ISO 8601 UTC."
    case .generation: "The change id of the list the plugin has loaded."
    }
  }

  /// The JSON array that `plugin_get_fields` returns.
  public static var fieldsJSON: String {
    "["
      + allCases.map { field in
        "{\"type\":\"\(field.typeName)\",\"name\":\"\(field.name)\",\"desc\":"
          + FlatJSONObject.quoted(field.summary) + "}"
      }.joined(separator: ",") + "]"
  }
}
