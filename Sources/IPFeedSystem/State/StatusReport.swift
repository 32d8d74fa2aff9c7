import IPFeedCore

/// What `falco-ipfeed status` shows: the list, the rules file against the journal, the last
/// cycle, staleness, and each source's last check, change, error and validators.
public struct StatusReport: Sendable {
  /// How the rules file compares with the one the journal says was applied.
  public enum OutputState: String, Sendable {
    case matches
    /// Edited by hand, or a run stopped between installing and recording: the next cycle
    /// rewrites it from the journal.
    case differs
    case missing
    /// No list was applied yet: nothing to compare with.
    case unknown
  }

  struct Source: Sendable {
    var config: SourceConfig
    var check: SourceCheckRecord?
    /// The stored body, when it belongs to the source as configured now.
    var body: StatusData.Body?
    var stale: Bool
  }

  var databasePath: String
  /// Whether the journal exists and holds an applied list.
  var initialized: Bool
  var data: StatusData?
  var outputPath: String
  var outputState: OutputState
  var outputSHA256: String?
  var staleAfterSeconds: Int64
  var lastSuccess: Int64?
  var stale: Bool
  var sources: [Source]
  var now: Int64
  /// Plugin mode: the data file and the plugin's status; nil in rules mode.
  var plugin: PluginModeStatus?

  /// Reads the journal in `config.stateDirectory` and the rules file, as of `now`.
  public static func read(config: Config, now: UnixTime) throws(StateError) -> StatusReport {
    let reader = try StateReader.open(directory: config.stateDirectory)
    let data = try reader?.statusData()
    let file: [UInt8]?
    do {
      file = try FileSystem.readFile(config.output.path)
    } catch {
      throw StateError(.unusable, "could not read the rules file: \(error)")
    }
    return StatusReport(
      config: config, databasePath: StateDatabase.path(in: config.stateDirectory), data: data,
      outputFile: file, now: now.seconds)
  }

  init(config: Config, databasePath: String, data: StatusData?, outputFile: [UInt8]?, now: Int64) {
    self.databasePath = databasePath
    self.data = data
    self.now = now
    initialized = data?.applied != nil
    outputPath = config.output.path
    outputSHA256 = outputFile.map(SHA256Digest.hex)
    if let applied = data?.applied {
      outputState =
        outputSHA256 == nil ? .missing : outputSHA256 == applied.sha256 ? .matches : .differs
    } else {
      outputState = .unknown
    }
    let staleness = Staleness(interval: config.interval, jitter: config.jitter)
    staleAfterSeconds = staleness.window.wholeSeconds
    let now = UnixTime(seconds: now)
    var sources: [Source] = []
    var lastSuccess: Int64?
    for source in config.sources {
      let check = data?.checks[source.name].flatMap { $0.url == source.url.text ? $0 : nil }
      let body = data?.bodies[source.name].flatMap {
        $0.url == source.url.text && $0.format == source.format.rawValue ? $0 : nil
      }
      let succeeded = check?.succeededAt
      if let succeeded { lastSuccess = max(lastSuccess ?? succeeded, succeeded) }
      let stale = staleness.isStale(lastSuccess: succeeded.map { UnixTime(seconds: $0) }, now: now)
      sources.append(Source(config: source, check: check, body: body, stale: stale))
    }
    self.lastSuccess = lastSuccess
    stale = staleness.isStale(lastSuccess: lastSuccess.map { UnixTime(seconds: $0) }, now: now)
    self.sources = sources
    if config.output.mode == .plugin {
      plugin = PluginModeStatus(output: config.output, record: data?.dataFile)
    }
  }

  public var total: Int { data?.applied?.total ?? 0 }

  // MARK: - Text

  public var text: String {
    var rows: [[String]] = [["state journal", databasePath]]
    if data == nil {
      rows.append(["list", "none yet: no cycle has run (falco-ipfeed once, or start the daemon)"])
    } else if let change = data?.lastChange {
      rows.append([
        "list",
        "\(total) addresses; last change \(change.id ?? 0) at \(StateText.time(change.time))"
          + " (+\(change.added) −\(change.removed))",
      ])
    } else {
      rows.append(["list", "\(total) addresses; no change recorded yet"])
    }
    rows.append(["rules file", "\(outputPath): \(outputStateText)"])
    if let plugin { rows.append(["data file", plugin.dataFileText]) }
    if let pending = data?.reloadPending {
      rows.append([
        "Falco reload",
        "PENDING since \(StateText.time(pending.since)), retried every cycle: \(pending.error)",
      ])
    }
    if let cycle = data?.lastCycle {
      var text = "\(StateText.time(cycle.time)): \(cycle.outcome)"
      if let detail = cycle.detail { text += ": \(detail)" }
      rows.append(["last cycle", text])
      if let next = cycle.nextPoll, next >= cycle.time {
        rows.append(["next poll", StateText.time(next)])
      }
    }
    rows.append(["stale", staleText])
    var lines = StateText.table(rows)
    if let plugin { lines += ["", plugin.pluginLine] }
    for source in sources {
      lines.append("")
      lines.append("source \(source.config.name)")
      lines += StateText.table(sourceRows(source)).map { "  " + $0 }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private var outputStateText: String {
    switch outputState {
    case .matches: "matches the state journal"
    case .differs:
      "DIFFERS from the state journal (edited by hand, or a run stopped between installing and"
        + " recording it): the next cycle rewrites it"
    case .missing: "MISSING: the next cycle rewrites it from the state journal"
    case .unknown: outputSHA256 == nil ? "not written yet" : "present; no list recorded yet"
    }
  }

  private var staleText: String {
    let window = DurationText.compact(.seconds(staleAfterSeconds))
    guard let lastSuccess else {
      return "yes: no successful check recorded (stale after \(window) without one)"
    }
    return (stale ? "YES" : "no") + ": last successful check \(StateText.time(lastSuccess))"
      + " (stale after \(window) without one: 2 × interval + jitter)"
  }

  private func sourceRows(_ source: Source) -> [[String]] {
    var rows: [[String]] = [["url", source.config.url.redacted]]
    if let check = source.check {
      rows.append(["last check", "\(StateText.time(check.checkedAt)): \(check.result)"])
      if let transfer = check.transfer { rows.append(["transfer", transfer.summary]) }
      rows.append(["last success", check.succeededAt.map(StateText.time) ?? "never"])
    } else {
      rows.append(["last check", "never"])
    }
    rows.append(["last change", source.body.map { StateText.time($0.changedAt) } ?? "never"])
    if let body = source.body {
      var validators: [String] = []
      if let etag = body.etag { validators.append("ETag \(etag)") }
      if let date = body.lastModified { validators.append("Last-Modified \(date)") }
      rows.append(["validators", validators.isEmpty ? "none" : validators.joined(separator: "; ")])
      rows.append(["last body", "\(body.bodyBytes) bytes, \(body.entries) addresses"])
    } else {
      rows.append(["validators", "none (no applied body)"])
    }
    if let check = source.check, let error = check.lastError {
      rows.append(["last error", "\(check.lastErrorAt.map(StateText.time) ?? "?"): \(error)"])
    } else {
      rows.append(["last error", "none"])
    }
    rows.append(["consecutive failures", "\(source.check?.consecutiveFailures ?? 0)"])
    rows.append(["stale", source.stale ? "YES" : "no"])
    return rows
  }

  // MARK: - JSON

  public var json: JSONValue {
    typealias F = JSONValue.Field
    let change: JSONValue =
      data?.lastChange.map {
        .object([
          F("id", .int($0.id)), F("time", StateText.time($0.time)), F("added", .int($0.added)),
          F("removed", .int($0.removed)), F("total", .int($0.total)),
        ])
      } ?? .null
    let cycle: JSONValue =
      data?.lastCycle.map {
        .object([
          F("time", StateText.time($0.time)), F("outcome", .string($0.outcome)),
          F("detail", .string($0.detail)),
        ])
      } ?? .null
    let nextPoll = data?.lastCycle.flatMap { cycle in
      cycle.nextPoll.flatMap { $0 >= cycle.time ? $0 : nil }
    }
    return .object([
      F("database", .string(databasePath)),
      F("initialized", .bool(initialized)),
      F("total", .int(total)),
      F("last_change", change),
      F(
        "output",
        .object([
          F("path", .string(outputPath)), F("state", .string(outputState.rawValue)),
          F("sha256", .string(outputSHA256)), F("journal_sha256", .string(data?.applied?.sha256)),
        ])),
      F("plugin_mode", plugin?.json ?? .null),
      F("last_cycle", cycle),
      F(
        "falco_reload_pending",
        data?.reloadPending.map {
          .object([F("since", StateText.time($0.since)), F("error", .string($0.error))])
        } ?? .null),
      F("next_poll", StateText.time(nextPoll)),
      F("stale", .bool(stale)),
      F("stale_after_seconds", .int(staleAfterSeconds)),
      F("last_success", StateText.time(lastSuccess)),
      F("sources", .array(sources.map(sourceJSON))),
    ])
  }

  private func sourceJSON(_ source: Source) -> JSONValue {
    typealias F = JSONValue.Field
    let check = source.check
    let body = source.body
    let transfer: JSONValue =
      check.map {
        .object([
          F("http_status", .int($0.httpStatus)), F("wire_bytes", .int($0.wireBytes)),
          F("body_bytes", .int($0.bodyBytes)), F("elapsed_ms", .int($0.elapsedMs)),
          F("sent_etag", .string($0.sentEtag)),
          F("sent_last_modified", .string($0.sentLastModified)),
        ])
      } ?? .null
    return .object([
      F("name", .string(source.config.name)),
      F("url", .string(source.config.url.redacted)),
      F("format", .string(source.config.format.rawValue)),
      F("threshold", .int(source.config.threshold)),
      F("etag", .string(body?.etag)),
      F("last_modified", .string(body?.lastModified)),
      F("last_check", StateText.time(check?.checkedAt)),
      F("last_result", .string(check?.result)),
      F("last_success", StateText.time(check?.succeededAt)),
      F("last_change", StateText.time(body?.changedAt)),
      F("last_error", .string(check?.lastError)),
      F("last_error_time", StateText.time(check?.lastErrorAt)),
      F("consecutive_failures", .int(check?.consecutiveFailures ?? 0)),
      F("body_bytes", .int(body?.bodyBytes)),
      F("entries", .int(body?.entries)),
      F("stale", .bool(source.stale)),
      F("transfer", transfer),
    ])
  }
}
