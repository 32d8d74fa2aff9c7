/// One pass of the update, the same for `once` and each timer tick: fetch every source, parse,
/// merge under the policy, diff against the applied list, hold what the safety guard refuses,
/// render, install only changed bytes, make Falco load them, then record the cycle.
///
/// The short path: when every source answered 304, delivered the very bytes (same digest, same
/// validators) whose list was applied, or failed with that body stored, and the config is the
/// one that list was applied with, the list cannot have changed. The cycle then records the
/// checks and ends `unchanged` without loading the list, parsing, merging, rendering or reading
/// the rules file and the data file. It is taken only when the caller vouches that those files
/// hold what the journal recorded (`outputReconciled`: the shell checks them before every
/// cycle), so that a file edited by hand or removed is still put right.
///
/// The cycle decides; the four protocols do the I/O.
public struct UpdateCycle {
  public var config: Config
  /// Apply even what the safety guard would hold (`once --force`).
  public var force: Bool
  /// When the cycle runs: plugin mode's data file says since when a new address is listed.
  public var now: UnixTime
  /// A body's SHA-256 as 64 hex digits. Without it, the short path serves only 304s and failed
  /// fetches, and no digest is stored.
  public var bodyDigest: (@Sendable ([UInt8]) -> String)?
  /// Whether the rules file (and plugin mode's data file) were just checked against the journal
  /// and hold what it recorded. Without that, every cycle renders the list and compares.
  public var outputReconciled: Bool

  public init(
    config: Config, force: Bool = false, now: UnixTime = UnixTime(seconds: 0),
    bodyDigest: (@Sendable ([UInt8]) -> String)? = nil, outputReconciled: Bool = false
  ) {
    self.config = config
    self.force = force
    self.now = now
    self.bodyDigest = bodyDigest
    self.outputReconciled = outputReconciled
  }

  public var renderer: FalcoRulesRenderer {
    FalcoRulesRenderer(
      listName: config.output.listName, includeRule: config.output.rule,
      ruleFields: config.output.ruleFields,
      sources: config.sources.map(FalcoRulesRenderer.SourceSummary.init), mode: config.output.mode,
      tiers: config.output.tiers, dataPath: config.output.dataPath)
  }

  /// The config as the journal records it with each applied list.
  public var configText: String { ConfigRenderer.yaml(config) }

  /// One source's fetch, before its body is parsed.
  private struct Fetched {
    var source: SourceConfig
    /// The stored body of this source as configured now, if any.
    var stored: SourceState?
    var result: Result<FetchResult, FetchError>
  }

  /// - Parameter dataWriter: plugin mode's data file; required in plugin mode.
  public func run(
    fetcher: some FeedFetcher, store: some StateStore, writer: some RulesFileWriter,
    reloader: some FalcoReloader, dataWriter: (any DataFileWriter)? = nil
  ) throws(CycleError) -> CycleReport {
    let summary = try CycleError.during("read the state journal") { try store.loadSummary() }
    let fetches = config.sources.map { source in
      let stored = summary.sources[source.name].flatMap { $0.belongs(to: source) ? $0 : nil }
      return Fetched(source: source, stored: stored, result: fetch(source, stored, fetcher))
    }
    if let reports = unchangedReports(fetches, summary: summary) {
      let checks = zip(fetches, reports).map { SourceCheck($1, url: $0.source.url.text) }
      try record(checks, .unchanged, in: store)
      return CycleReport(
        outcome: .unchanged, sources: reports, exclusions: ExclusionReport(),
        total: summary.total)
    }

    let applied = try CycleError.during("read the state journal") { try store.load() }
    var reports: [SourceReport] = []
    var checks: [SourceCheck] = []
    var inputs: [ListPolicy.Input] = []
    var updatedSources: [String: SourceState] = [:]
    for fetched in fetches {
      let (report, newState) = parse(fetched)
      reports.append(report)
      checks.append(SourceCheck(report, url: fetched.source.url.text))
      if let feed = report.feedUsed {
        inputs.append(ListPolicy.Input(feed: feed, threshold: fetched.source.threshold))
      }
      if let newState { updatedSources[fetched.source.name] = newState }
    }
    guard !inputs.isEmpty else {
      try record(checks, .noData, in: store)
      return CycleReport(
        outcome: .noData, sources: reports, exclusions: ExclusionReport(),
        total: applied.list.count)
    }

    let policy = ListPolicy(exclusions: config.exclude).apply(inputs)
    let diff = ListDiff(from: applied.list, to: policy.list)
    let safety = SafetyGuard(
      maxRemovedPercent: config.safety.maxRemovedPercent, minEntries: config.safety.minEntries)
    let hold = safety.hold(previousCount: applied.list.count, diff: diff)
    if !force, let hold {
      try record(checks, .held(hold.description), in: store)
      return CycleReport(
        outcome: .held(hold), sources: reports, exclusions: policy.exclusions,
        total: applied.list.count)
    }

    let contents = renderer.render(policy.list)
    let rescored = CycleCommit.rescored(from: applied.list, to: policy.list)
    var reloadFailure: String?
    let fileChanged: Bool
    var dataFile: DataFileCommit?
    do throws(CycleError) {
      let current = try CycleError.during("read the rules file \(config.output.path)") {
        try writer.currentContents()
      }
      fileChanged = current != contents
      if config.output.mode == .plugin {
        guard let dataWriter else { preconditionFailure("plugin mode needs a DataFileWriter") }
        dataFile = try newDataFile(
          policy.list, changed: !diff.isEmpty || !rescored.isEmpty, store: store,
          writer: dataWriter)
      }
      if fileChanged {
        if let rejection = try install(contents, with: writer) {
          try record(checks, .held(rejection.description), in: store)
          return CycleReport(
            outcome: .rejectedByFalco(rejection), sources: reports,
            exclusions: policy.exclusions, total: applied.list.count)
        }
      }
      if let dataFile, let dataWriter {
        // After the rules file, so that a file Falco rejects leaves the data file alone too.
        try CycleError.during("install the data file \(config.output.dataPath)") {
          try dataWriter.install(dataFile.contents)
        }
      }
      if fileChanged {
        // A new list in plugin mode needs no reload: the plugin swaps the data file in.
        do {
          try reloader.reload()
        } catch {
          reloadFailure = "\(error)"
        }
      }
    } catch {
      // Nothing was applied: record how the sources fared, never their new validators.
      try? store.recordChecks(checks, ending: .failed(error.description))
      throw error
    }
    let commit = CycleCommit(
      list: policy.list, diff: diff, rescored: rescored, rulesFile: contents,
      fileInstalled: fileChanged, dataFile: dataFile, forced: hold != nil,
      updatedSources: updatedSources, checks: checks, config: configText)
    let changeID = try CycleError.during("record the cycle in the state journal") {
      try store.commit(commit)
    }
    let outcome: CycleReport.Outcome =
      !diff.isEmpty ? .applied(diff) : fileChanged || dataFile != nil ? .rewritten : .unchanged
    return CycleReport(
      outcome: outcome, sources: reports, exclusions: policy.exclusions,
      total: policy.list.count, reloadFailure: reloadFailure, changeID: changeID,
      rulesFileInstalled: fileChanged, dataFileGeneration: dataFile?.generation)
  }

  /// Plugin mode: the data file to install for `list`, when the list changed (addresses,
  /// scores or sources) or no data file exists; nil when the one in place stays.
  private func newDataFile(
    _ list: AddressList, changed: Bool, store: some StateStore, writer: any DataFileWriter
  ) throws(CycleError) -> DataFileCommit? {
    if !changed {
      let existing = try CycleError.during("read the data file \(config.output.dataPath)") {
        try writer.currentContents()
      }
      if existing != nil { return nil }
    }
    let (generation, since) = try CycleError.during("read the state journal") {
      (try store.nextChangeID(), try store.listedSince())
    }
    let file = PluginDataFile(
      generation: UInt64(generation), list: list,
      listedSince: { since[$0.address] ?? now.seconds })
    return DataFileCommit(
      generation: generation, contents: file.encoded(), listedAt: now.seconds)
  }

  /// Installs the new file; returns Falco's rejection of it instead of throwing that, since a
  /// rejected file holds the update rather than failing the cycle.
  private func install(
    _ contents: [UInt8], with writer: some RulesFileWriter
  ) throws(CycleError) -> RulesFileRejection? {
    do {
      try writer.install(contents)
      return nil
    } catch let rejection as RulesFileRejection {
      return rejection
    } catch {
      throw CycleError(step: "install the rules file \(config.output.path)", cause: "\(error)")
    }
  }

  /// Records the checks of a cycle that applied nothing.
  private func record(
    _ checks: [SourceCheck], _ ending: CycleEnding, in store: some StateStore
  ) throws(CycleError) {
    try CycleError.during("record the cycle in the state journal") {
      try store.recordChecks(checks, ending: ending)
    }
  }

  /// Fetches one source, conditionally when its body is stored.
  private func fetch(
    _ source: SourceConfig, _ stored: SourceState?, _ fetcher: some FeedFetcher
  ) -> Result<FetchResult, FetchError> {
    // Validators only when the body they describe is at hand: a 304 must find it.
    let request = FetchRequest(
      source: source.name, url: source.url, validators: stored?.validators ?? .none)
    return Result { () throws(FetchError) -> FetchResult in try fetcher.fetch(request) }
  }

  /// The sources' reports when the cycle cannot change the list: the config is the one last
  /// applied, and every source delivered its stored body again (a 304, or the same bytes with
  /// the same validators) or failed with it stored. Nil when the list must be computed.
  private func unchangedReports(_ fetches: [Fetched], summary: AppliedSummary) -> [SourceReport]? {
    guard outputReconciled, let appliedConfig = summary.config, appliedConfig == configText
    else { return nil }
    var reports: [SourceReport] = []
    for fetched in fetches {
      guard let stored = fetched.stored else { return nil }
      let name = fetched.source.name
      switch fetched.result {
      case .success(.notModified(let stats)):
        reports.append(.init(name: name, result: .notModified(stats, stored.feed)))
      case .success(.body(let body, let validators, let stats)):
        guard let bodyDigest, let storedDigest = stored.bodyDigest,
          validators == stored.validators, body.count == stored.bodyBytes,
          bodyDigest(body) == storedDigest
        else { return nil }
        reports.append(.init(name: name, result: .downloaded(stats, stored.feed)))
      case .failure(let error):
        reports.append(.init(name: name, result: .fetchFailed(error, fallback: stored.feed)))
      }
    }
    return reports
  }

  /// Parses what a source delivered. A failure falls back to the last applied body. Returns the
  /// state to record when a new body was accepted.
  private func parse(_ fetched: Fetched) -> (SourceReport, SourceState?) {
    let source = fetched.source
    let fallback = fetched.stored?.feed
    switch fetched.result {
    case .failure(let error):
      return (.init(name: source.name, result: .fetchFailed(error, fallback: fallback)), nil)
    case .success(.notModified(let stats)):
      guard let fallback else {
        let error = FetchError(
          source: source.name, url: source.url,
          cause: "the server answered 304 Not Modified but no earlier body is stored",
          stats: stats)
        return (.init(name: source.name, result: .fetchFailed(error, fallback: nil)), nil)
      }
      return (.init(name: source.name, result: .notModified(stats, fallback)), nil)
    case .success(.body(let body, let validators, let stats)):
      do {
        let feed = try FeedParser.parse(body, source: source.name, format: source.format)
        let state = SourceState(
          url: source.url.text, validators: validators, feed: feed, bodyBytes: body.count,
          bodyDigest: bodyDigest?(body))
        return (.init(name: source.name, result: .downloaded(stats, feed)), state)
      } catch {
        return (
          .init(name: source.name, result: .rejected(error, stats, fallback: fallback)), nil
        )
      }
    }
  }
}
