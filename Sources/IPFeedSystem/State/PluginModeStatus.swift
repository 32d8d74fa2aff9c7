import IPFeedCore

/// What `status` shows in plugin mode: the data file against the state journal, and what the
/// Falco plugin says it has loaded (its status file).
struct PluginModeStatus: Sendable {
  var dataPath: String
  var dataState: StatusReport.OutputState
  /// The data file as the journal recorded it last.
  var record: DataFileRecord?
  var statusPath: String
  /// The plugin's status file, when it exists and reads.
  var plugin: PluginStatus?
  /// Why the status file cannot be shown, when it cannot.
  var pluginProblem: String?

  /// Reads the data file and the plugin's status file of `output`.
  init(output: OutputConfig, record: DataFileRecord?) {
    dataPath = output.dataPath
    statusPath = output.pluginStatusPath
    self.record = record
    let contents = try? FileSystem.readFile(dataPath, limit: PluginDataFile.maximumFileSize)
    switch (contents.flatMap { $0 }, record) {
    case (nil, nil): dataState = .unknown
    case (nil, _?): dataState = .missing
    case (let bytes?, let record?):
      dataState =
        record.path == dataPath && SHA256Digest.hex(bytes) == record.sha256 ? .matches : .differs
    case (_?, nil): dataState = .differs
    }
    do {
      if let bytes = try FileSystem.readFile(statusPath, limit: 1 << 20) {
        plugin = try PluginStatus(parsing: String(decoding: bytes, as: UTF8.self))
      } else {
        pluginProblem =
          "no status file at \(statusPath) yet: Falco has not started the plugin, or its"
          + " init_config sets another status_path (falco-ipfeed falco-config prints it)"
      }
    } catch {
      pluginProblem = "\(error)"
    }
  }

  /// "Falco plugin: generation 32 loaded 2 s after it was written" or "… still on
  /// generation 31".
  var pluginLine: String {
    plugin?.line(appliedGeneration: record?.generation) ?? "Falco plugin: \(pluginProblem ?? "")"
  }

  var dataFileText: String {
    let generation = record.map { "generation \($0.generation), \($0.total) addresses: " } ?? ""
    switch dataState {
    case .matches: return "\(dataPath): \(generation)matches the state journal"
    case .differs:
      return "\(dataPath): DIFFERS from the state journal: the next cycle rewrites it"
    case .missing: return "\(dataPath): MISSING: the next cycle rewrites it from the state journal"
    case .unknown: return "\(dataPath): not written yet"
    }
  }

  var json: JSONValue {
    typealias F = JSONValue.Field
    var plugin = JSONValue.null
    if let loaded = self.plugin {
      plugin = .object([
        F("generation", .int(loaded.generation)), F("entries", .int(loaded.entries)),
        F("loaded_at", StateText.time(loaded.loadedAt)),
        F("data_written_at", StateText.time(loaded.dataWrittenAt)),
        F("load_failures", .int(loaded.loadFailures)), F("last_error", .string(loaded.lastError)),
        F("last_error_time", StateText.time(loaded.lastErrorAt)),
        F("written_at", StateText.time(loaded.writtenAt)),
        F("current", .bool(loaded.generation != nil && loaded.generation == record?.generation)),
      ])
    }
    return .object([
      F("path", .string(dataPath)), F("state", .string(dataState.rawValue)),
      F("generation", .int(record?.generation)),
      F("status_path", .string(statusPath)), F("plugin", plugin),
      F("plugin_error", .string(pluginProblem)),
    ])
  }
}
