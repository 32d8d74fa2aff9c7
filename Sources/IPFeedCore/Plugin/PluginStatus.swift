/// The status file the plugin writes (when `status_path` is set) after every load attempt, and
/// `falco-ipfeed status` reads: what Falco has loaded and the last error. One flat JSON object.
public struct PluginStatus: Sendable, Hashable {
  /// The data file the plugin reads.
  public var dataPath: String
  /// The loaded set's generation; nil when nothing has been loaded (no data file yet).
  public var generation: Int64?
  public var entries: Int
  /// When the loaded set was loaded (seconds since 1970).
  public var loadedAt: Int64?
  /// The modification time of the data file it was loaded from.
  public var dataWrittenAt: Int64?
  /// Files refused since Falco started the plugin.
  public var loadFailures: Int64
  public var lastError: String?
  public var lastErrorAt: Int64?
  /// When this status was written.
  public var writtenAt: Int64

  public init(
    dataPath: String, generation: Int64? = nil, entries: Int = 0, loadedAt: Int64? = nil,
    dataWrittenAt: Int64? = nil, loadFailures: Int64 = 0, lastError: String? = nil,
    lastErrorAt: Int64? = nil, writtenAt: Int64
  ) {
    self.dataPath = dataPath
    self.generation = generation
    self.entries = entries
    self.loadedAt = loadedAt
    self.dataWrittenAt = dataWrittenAt
    self.loadFailures = loadFailures
    self.lastError = lastError
    self.lastErrorAt = lastErrorAt
    self.writtenAt = writtenAt
  }

  /// The file's text: one JSON object and a newline.
  public var text: String {
    func integer(_ value: Int64?) -> FlatJSONValue { value.map(FlatJSONValue.integer) ?? .null }
    return FlatJSONObject([
      ("data_path", .string(dataPath)),
      ("generation", integer(generation)),
      ("entries", .integer(Int64(entries))),
      ("loaded_at", integer(loadedAt)),
      ("data_written_at", integer(dataWrittenAt)),
      ("load_failures", .integer(loadFailures)),
      ("last_error", lastError.map(FlatJSONValue.string) ?? .null),
      ("last_error_at", integer(lastErrorAt)),
      ("written_at", .integer(writtenAt)),
    ]).text + "\n"
  }

  /// Reads a status file's text; unknown keys are ignored (a newer plugin may add some).
  public init(parsing text: String) throws(PluginStatusError) {
    let object: FlatJSONObject
    do {
      object = try FlatJSONObject(parsing: text)
    } catch {
      throw PluginStatusError(reason: error.description)
    }
    func integer(_ key: String) throws(PluginStatusError) -> Int64? {
      switch object[key] {
      case .integer(let value)?: return value
      case .null?, nil: return nil
      case let other?:
        throw PluginStatusError(reason: "\(key) is a \(other.typeName), not an integer")
      }
    }
    func string(_ key: String) throws(PluginStatusError) -> String? {
      switch object[key] {
      case .string(let value)?: return value
      case .null?, nil: return nil
      case let other?:
        throw PluginStatusError(reason: "\(key) is a \(other.typeName), not a string")
      }
    }
    guard let dataPath = try string("data_path"), let writtenAt = try integer("written_at") else {
      throw PluginStatusError(reason: "data_path or written_at is missing")
    }
    self.init(
      dataPath: dataPath, generation: try integer("generation"),
      entries: Int(try integer("entries") ?? 0), loadedAt: try integer("loaded_at"),
      dataWrittenAt: try integer("data_written_at"),
      loadFailures: try integer("load_failures") ?? 0, lastError: try string("last_error"),
      lastErrorAt: try integer("last_error_at"), writtenAt: writtenAt)
  }

  /// One line for `falco-ipfeed status`, against the generation the daemon last wrote:
  /// "Falco plugin: generation 32 loaded 2 s after it was written" or "… still on generation 31".
  public func line(appliedGeneration: Int64?) -> String {
    var text = "Falco plugin: "
    if let generation {
      if let appliedGeneration, appliedGeneration != generation {
        text += "still on generation \(generation) (the daemon wrote \(appliedGeneration))"
      } else if let loadedAt, let dataWrittenAt {
        text +=
          "generation \(generation) loaded \(max(0, loadedAt - dataWrittenAt)) s after it "
          + "was written"
      } else {
        text += "generation \(generation) loaded"
      }
      text += ", \(entries) entries"
    } else {
      text += "no list loaded yet (waiting for \(dataPath))"
    }
    if let lastError {
      let when = lastErrorAt.map { " at \(UnixTime(seconds: $0).iso8601)" } ?? ""
      text += "; last error\(when): \(lastError)"
    }
    return text
  }
}

/// A status file that cannot be read.
public struct PluginStatusError: Error, Sendable, Hashable, CustomStringConvertible {
  public var reason: String

  public var description: String {
    "the Falco plugin's status file cannot be read: \(reason); it is rewritten on the plugin's "
      + "next load"
  }
}
