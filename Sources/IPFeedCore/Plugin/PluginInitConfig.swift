/// The Falco plugin's `init_config` (Falco hands it over as JSON): where the data file is and,
/// optionally, where to write the status file that `falco-ipfeed status` reads.
public struct PluginInitConfig: Sendable, Hashable {
  public static let defaultDataPath = "/var/lib/falco-ipfeed/falco-ipfeed.bin"
  /// The status file's name beside the daemon's state, as `falco-ipfeed falco-config` suggests.
  public static let suggestedStatusFileName = "falco-plugin-status.json"

  public var dataPath: String
  /// nil: no status file.
  public var statusPath: String?

  public init(dataPath: String = Self.defaultDataPath, statusPath: String? = nil) {
    self.dataPath = dataPath
    self.statusPath = statusPath
  }

  /// Reads `text`: empty (no `init_config`) or a JSON object with the keys `data_path` and
  /// `status_path` (both absolute paths, `status_path` may be empty for none).
  public init(parsing text: String) throws(PluginInitConfigError) {
    self.init()
    guard text.utf8.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
    else { return }
    let object: FlatJSONObject
    do {
      object = try FlatJSONObject(parsing: text)
    } catch {
      throw .notJSON(error)
    }
    for (key, value) in object.members {
      guard case .string(let path) = value else {
        guard Self.keys.contains(key) else { throw .unknownKey(key) }
        throw .notAString(key: key, type: value.typeName)
      }
      switch key {
      case "data_path":
        guard path.hasPrefix("/") else { throw .notAbsolute(key: key, value: path) }
        dataPath = path
      case "status_path":
        guard path.isEmpty || path.hasPrefix("/") else {
          throw .notAbsolute(key: key, value: path)
        }
        statusPath = path.isEmpty ? nil : path
      default:
        throw .unknownKey(key)
      }
    }
  }

  static let keys = ["data_path", "status_path"]

  /// The JSON Schema that `plugin_get_init_schema` returns, so that Falco checks `init_config`
  /// before the plugin sees it.
  public static let schema = """
    {"$schema":"http://json-schema.org/draft-04/schema#","type":"object",\
    "additionalProperties":false,"properties":{\
    "data_path":{"type":"string","pattern":"^/",\
    "description":"The data file that falco-ipfeed writes in plugin mode (output.data_path). \
    Default \(defaultDataPath)."},\
    "status_path":{"type":"string","pattern":"^(/.*)?$",\
    "description":"Where to write the plugin's status file (generation, entries, loaded at, \
    last error), which falco-ipfeed status reads. Empty or absent: none."}}}
    """
}

/// Why an `init_config` is refused: the only thing that fails the plugin's init.
public enum PluginInitConfigError: Error, Sendable, Hashable, CustomStringConvertible {
  case notJSON(FlatJSONError)
  case unknownKey(String)
  case notAString(key: String, type: String)
  case notAbsolute(key: String, value: String)

  public var description: String {
    let keys = "data_path and status_path"
    switch self {
    case .notJSON(let error):
      return "init_config is not a JSON object (\(error)); write it as a map of \(keys) "
        + "under the plugin's entry in falco.yaml"
    case .unknownKey(let key):
      return "init_config: unknown key \"\(key)\"; the plugin knows only \(keys)"
    case .notAString(let key, let type):
      return "init_config: \(key) must be a string (a path), not a \(type)"
    case .notAbsolute(let key, let value):
      return "init_config: \(key) must be an absolute path, not \"\(value)\"; "
        + "for example \(key == "data_path" ? PluginInitConfig.defaultDataPath : "/var/lib/falco-ipfeed/\(PluginInitConfig.suggestedStatusFileName)")"
    }
  }
}
