import Glibc
import IPFeedCore
import Logging
import Synchronization

/// Runs update cycles against the real file system, network and state journal: the shell's
/// wiring of `UpdateCycle` to its protocols, for `once` and for the daemon.
///
/// Make one per config and keep it: the state journal is opened at the first cycle and reused by
/// every later one. Each cycle (and `reconcile()`, `restoreRulesFile()`) holds the state directory's lock, so a `once`
/// beside the daemon waits its turn. Safe to call from any one thread at a time; `cancel()` from
/// any thread.
public final class UpdateRunner: Sendable {
  public let config: Config
  public let logger: Logger
  private let fetcher: any FeedFetcher
  private let cancelFetches: @Sendable () -> Void
  /// How Falco is made to load a new file, decided from the config (and Falco's own).
  public let reloadPlan: FalcoReloadPlan
  private let reloader: any FalcoReloader
  private let writer: any RulesFileWriter
  /// Plugin mode's data file; nil in rules mode.
  private let dataWriter: AtomicDataFileWriter?
  private let lockWait: Duration
  private let now: @Sendable () -> UnixTime
  private let database = Mutex<StateDatabase?>(nil)

  /// - Parameters:
  ///   - fetcher: downloads sources; by default `file://` from disk and `http(s)://` with
  ///     libcurl under `config.http`.
  ///   - reloader: makes Falco load a new file; by default as `falco.reload` decides.
  ///   - writer: installs the rules file; by default atomically at `config.output.path`, after
  ///     `falco -V` checked it when `falco.validate` asks for that.
  ///   - lockWait: how long a cycle waits for another one to finish before it fails.
  ///   - now: the wall clock, for the journal's times.
  public init(
    config: Config, logger: Logger, fetcher: (any FeedFetcher)? = nil,
    reloader: (any FalcoReloader)? = nil, writer: (any RulesFileWriter)? = nil,
    lockWait: Duration = .seconds(30), now: @escaping @Sendable () -> UnixTime = UpdateRunner.clock
  ) {
    self.config = config
    self.logger = logger
    if let fetcher {
      self.fetcher = fetcher
      cancelFetches = {}
    } else {
      let http = CurlFeedFetcher(
        options: CurlFeedFetcher.Options(
          timeout: config.http.timeout, maxBytes: config.http.maxBytes,
          caFile: config.http.caFile.isEmpty ? nil : config.http.caFile))
      self.fetcher = SchemeRoutingFetcher(
        file: FileFeedFetcher(maxBytes: config.http.maxBytes), http: http)
      cancelFetches = { http.cancel() }
    }
    let plan = FalcoReloaders.plan(for: config)
    reloadPlan = plan
    self.reloader =
      reloader ?? FalcoReloaders.reloader(for: plan, falcoBinary: config.falco.binary)
    self.writer =
      writer
      ?? AtomicRulesFileWriter(
        path: config.output.path,
        validator: FalcoRulesValidator.forConfig(config, logger: logger))
    dataWriter =
      config.output.mode == .plugin ? AtomicDataFileWriter(path: config.output.dataPath) : nil
    self.lockWait = lockWait
    self.now = now
  }

  /// The system's wall clock.
  public static let clock: @Sendable () -> UnixTime = { .now }

  /// The state journal's database file.
  public var databasePath: String { StateDatabase.path(in: config.stateDirectory) }

  /// One update cycle: takes the lock, opens the journal (once), reconciles the rules file with
  /// it, then fetches, applies and records.
  public func runOnce(force: Bool = false) throws(CycleError) -> CycleReport {
    let lock = try takeLock()
    defer { lock.release() }
    removeLeftoverTemporaryFiles()
    let database = try openDatabase()
    try reconcile(database)
    try retryPendingReload(database)
    // Both files were just reconciled with the journal: an unchanged cycle may skip them.
    let cycle = UpdateCycle(
      config: config, force: force, now: now(), bodyDigest: SHA256Digest.hex,
      outputReconciled: true)
    let store = JournalStateStore(
      database: database, outputPath: config.output.path, listNames: cycle.renderer.listNames,
      dataPath: dataWriter?.path, historyDays: config.historyDays, now: now, logger: logger)
    let report = try cycle.run(
      fetcher: fetcher, store: store, writer: writer, reloader: reloader, dataWriter: dataWriter)
    CycleEventLog(logger: logger).log(
      report, sha256: appliedSHA256(after: report, database), reloadPlan: reloadPlan)
    try trackReload(report, database)
    return report
  }

  /// The SHA-256 of what a cycle wrote, for the journal entry: the digest the state journal
  /// recorded with the change (the data file's in plugin mode, as `history` shows it, else the
  /// rules file's), instead of reading and hashing the file again (3 MB for IPsum).
  private func appliedSHA256(after report: CycleReport, _ database: StateDatabase) -> String? {
    switch report.outcome {
    case .applied, .rewritten:
      guard let change = (try? database.lastChange()) ?? nil, change.id == report.changeID
      else { return nil }
      return change.sha256
    default:
      return nil
    }
  }

  /// Keeps the state journal's "reload pending" mark: set when Falco could not be made to load
  /// a new file, cleared when a later cycle succeeds in it.
  private func trackReload(_ report: CycleReport, _ database: StateDatabase) throws(CycleError) {
    try step("record Falco's reload in the state journal") {
      if let failure = report.reloadFailure {
        try database.setReloadPending(error: failure, at: now().seconds)
      } else if report.rulesFileInstalled {
        // Only a reload clears the mark: in plugin mode a new list asks nothing of Falco.
        try database.clearReloadPending()
      }
    }
  }

  /// Retries a reload that failed in an earlier cycle (or before a restart).
  private func retryPendingReload(_ database: StateDatabase) throws(CycleError) {
    guard let pending = try step("read the state journal", { try database.reloadPending() })
    else { return }
    do {
      try reloader.reload()
      try step("record Falco's reload in the state journal") {
        try database.clearReloadPending()
      }
      logger.notice(
        "Falco reloaded",
        metadata: [
          JournalFields.messageIDKey: "\(MessageIDs.falcoReloaded)",
          "reload": "\(reloadPlan)", "pending_since": "\(UnixTime(seconds: pending.since).iso8601)",
        ])
    } catch let error as CycleError {
      throw error
    } catch {
      logger.error(
        "Falco reload failed",
        metadata: [
          JournalFields.messageIDKey: "\(MessageIDs.falcoReloadFailed)", "error": "\(error)",
          "pending_since": "\(UnixTime(seconds: pending.since).iso8601)",
        ])
    }
  }

  /// Puts the rules file in agreement with the state journal, as every cycle does first: for the
  /// daemon to call before READY. Removes temporary files a killed run left; rewrites a rules
  /// file that is missing or differs from the one the journal says was applied (and makes Falco
  /// load it). Returns the number of addresses applied.
  ///
  /// A damaged database throws an error naming the file and the recovery. A daemon should log
  /// it and carry on, not exit: every cycle fails with the same message until the file is moved
  /// aside, and exiting would only have systemd restart it into the same error.
  @discardableResult
  public func reconcile() throws(CycleError) -> Int {
    let lock = try takeLock()
    defer { lock.release() }
    removeLeftoverTemporaryFiles()
    let database = try openDatabase()
    return try reconcile(database)
  }

  /// For the daemon before READY: `reconcile()` without waiting on any other process. When
  /// another run holds the lock it does nothing and returns nil (the first cycle reconciles once
  /// the lock is free); a restored file is left for the first cycle to make Falco load (the
  /// state journal marks the reload pending, so a restart before that cycle does it too).
  public func restoreRulesFile() throws(CycleError) -> Int? {
    let lock: CycleLock
    do {
      lock = try CycleLock.acquire(directory: config.stateDirectory, wait: .zero)
    } catch  where error.kind == .locked {
      logger.notice(
        """
        another falco-ipfeed run holds the state directory's lock: the first cycle checks the \
        rules file once it is free
        """, metadata: ["error": "\(error)"])
      return nil
    } catch {
      throw CycleError(step: "start a cycle", cause: "\(error)")
    }
    defer { lock.release() }
    removeLeftoverTemporaryFiles()
    let database = try openDatabase()
    return try reconcile(database, reloadNow: false)
  }

  /// Aborts a download in progress within a second, and every later one: for shutting down.
  public func cancel() {
    cancelFetches()
  }

  /// Records when the daemon polls next, for `status`, in the journal that the last cycle used;
  /// nothing when it is gone (only a cycle, under the lock, opens or creates one).
  public func recordNextPoll(at time: UnixTime) throws(CycleError) {
    guard let database = openedDatabase else { return }
    try step("record the next poll in the state journal") {
      try database.recordNextPoll(time.seconds)
    }
  }

  /// Frees the state journal's caches (between daemon cycles).
  public func releaseJournalMemory() {
    openedDatabase?.releaseMemory()
  }

  /// The last change the journal recorded: when, +added, −removed.
  public func lastChange() throws(CycleError) -> (at: UnixTime, added: Int, removed: Int)? {
    guard let database = openedDatabase else { return nil }
    let change = try step("read the state journal") { try database.lastChange() }
    return change.map { (UnixTime(seconds: $0.time), $0.added, $0.removed) }
  }

  // MARK: - Steps

  private func takeLock() throws(CycleError) -> CycleLock {
    try step("start a cycle") {
      try CycleLock.acquire(directory: config.stateDirectory, wait: lockWait)
    }
  }

  /// The journal the last cycle opened, while it is still the file at its path.
  private var openedDatabase: StateDatabase? {
    database.withLock { $0 }.flatMap { $0.isStillAtItsPath ? $0 : nil }
  }

  /// The journal, opened at the first call; a failed open is tried again at the next call. A
  /// database deleted or replaced since it was opened is closed and the one now at its path
  /// opened (a new one, when there is none: rebuilt from the rules file).
  private func openDatabase() throws(CycleError) -> StateDatabase {
    if let open = database.withLock({ $0 }) {
      if open.isStillAtItsPath { return open }
      logger.warning(
        "the state database was deleted or replaced since it was opened: opening the one at its path",
        metadata: ["database": "\(open.path)"])
      do {
        try open.close()
      } catch {
        logger.warning("could not close the old state database", metadata: ["error": "\(error)"])
      }
      StateDatabase.setAsideLogs(of: open.path, logger: logger)
      database.withLock { $0 = nil }
    }
    let opened = try step("open the state journal") {
      try StateDatabase.open(
        directory: config.stateDirectory, logger: logger, check: .afterUncleanStop)
    }
    database.withLock { $0 = opened }
    return opened
  }

  /// Removes temporary files a killed run left beside the rules directory (under the lock, so
  /// that none is another run's).
  private func removeLeftoverTemporaryFiles() {
    let leftovers =
      AtomicRulesFileWriter(path: config.output.path).removeLeftoverTemporaryFiles()
      + (dataWriter?.removeLeftoverTemporaryFiles() ?? [])
    for leftover in leftovers {
      logger.warning(
        "removed a temporary file left by a killed run", metadata: ["path": "\(leftover)"])
    }
  }

  /// `reloadNow`: make Falco load a restored file now; otherwise mark the reload pending, for
  /// the next cycle's `retryPendingReload`.
  @discardableResult
  private func reconcile(_ database: StateDatabase, reloadNow: Bool = true) throws(CycleError)
    -> Int
  {
    guard let applied = try step("read the state journal", { try database.appliedRecord() })
    else { return 0 }
    // The list (120,000 rows) only when a file has to be written from it.
    let list = { () throws(CycleError) -> AddressList in
      try self.step("read the state journal") { try database.appliedList() }
    }
    if let dataWriter { try reconcileDataFile(applied, list, dataWriter, database) }
    if applied.outputPath != config.output.path {
      logger.warning(
        """
        output.path changed: falco-ipfeed no longer updates the old rules file; remove it so \
        that Falco does not load both
        """,
        metadata: ["old_path": "\(applied.outputPath)", "path": "\(config.output.path)"])
    }
    // Unchanged since its digest was last found right: no need to read and hash 3 MB again.
    let identity = FileSystem.identity(of: config.output.path)
    if let identity, identity == applied.fileIdentity { return applied.total }
    let current = try step("read the rules file \(config.output.path)") {
      try writer.currentContents()
    }
    let cause: String
    if let current {
      let digest = SHA256Digest.hex(current)
      if digest == applied.sha256 {
        if let identity {
          try step("record the rules file in the state journal") {
            try database.recordFileIdentity(identity, sha256: digest)
          }
        }
        return applied.total
      }
      cause =
        "the rules file differs from the one the state journal says was applied (edited by"
        + " hand, or a run stopped between installing it and recording it)"
    } else {
      cause = "the rules file is missing"
    }
    let appliedList = try list()
    let contents = UpdateCycle(config: config).renderer.render(appliedList)
    logger.warning(
      "\(cause): rewriting it from the state journal",
      metadata: [
        "path": "\(config.output.path)", "addresses": "\(appliedList.count)",
        "journal_sha256": "\(applied.sha256)",
      ])
    try step("restore the rules file \(config.output.path)") { try writer.install(contents) }
    do {
      guard reloadNow else { throw RestoredBeforeReady() }
      try reloader.reload()
    } catch let error as RestoredBeforeReady {
      try? database.setReloadPending(error: "\(error)", at: now().seconds)
    } catch {
      logger.error(
        "Falco reload failed",
        metadata: [
          JournalFields.messageIDKey: "\(MessageIDs.falcoReloadFailed)", "error": "\(error)",
        ])
      try? database.setReloadPending(error: "\(error)", at: now().seconds)
    }
    try step("record the restored rules file in the state journal") {
      try database.recordRestoredFile(
        sha256: SHA256Digest.hex(contents), outputPath: config.output.path, at: now().seconds)
    }
    return appliedList.count
  }

  /// Plugin mode: rewrites a data file that is missing, or differs from the one the journal
  /// says was installed (or none was: the mode just changed to plugin), from the applied list.
  /// Nothing is asked of Falco: the plugin picks the file up by itself.
  private func reconcileDataFile(
    _ applied: AppliedRecord, _ list: () throws(CycleError) -> AddressList,
    _ dataWriter: AtomicDataFileWriter, _ database: StateDatabase
  ) throws(CycleError) {
    let record = try step("read the state journal") { try database.dataFile() }
    let current: [UInt8]?
    let cause: String
    do {
      current = try dataWriter.currentContents()
    } catch {
      current = nil
      logger.warning(
        "the data file cannot be read",
        metadata: ["path": "\(dataWriter.path)", "error": "\(error)"])
    }
    if let record, record.path != dataWriter.path {
      logger.warning(
        """
        output.data_path changed: falco-ipfeed no longer updates the old data file; point the \
        plugin's init_config at the new one (falco-ipfeed falco-config) and remove the old file
        """,
        metadata: ["old_path": "\(record.path)", "path": "\(dataWriter.path)"])
    }
    if let current, let record, record.path == dataWriter.path {
      guard SHA256Digest.hex(current) != record.sha256 else { return }
      cause =
        "the data file differs from the one the state journal says was installed (replaced by"
        + " hand, or a run stopped between installing it and recording it)"
    } else if record == nil {
      cause = "the state journal has no data file yet (plugin mode is new here)"
    } else {
      cause = current == nil ? "the data file is missing" : "the data file is new at this path"
    }
    let generation = record?.generation ?? applied.changeId ?? 0
    let appliedList = try list()
    let since = try step("read the state journal") { try database.listedSince() }
    let time = now().seconds
    let contents = PluginDataFile(
      generation: UInt64(generation), list: appliedList,
      listedSince: { since[$0.address] ?? time }
    ).encoded()
    logger.warning(
      "\(cause): rewriting it from the state journal",
      metadata: [
        "path": "\(dataWriter.path)", "addresses": "\(appliedList.count)",
        "generation": "\(generation)",
      ])
    try step("restore the data file \(dataWriter.path)") { try dataWriter.install(contents) }
    try step("record the restored data file in the state journal") {
      try database.recordRestoredDataFile(
        DataFileRecord(
          path: dataWriter.path, generation: generation, sha256: SHA256Digest.hex(contents),
          total: appliedList.count, writtenAt: time))
    }
  }

  /// `CycleError.during`, with a database error explained (what to do about it).
  private func step<T>(_ what: String, _ body: () throws -> T) throws(CycleError) -> T {
    try CycleError.during(what, body) {
      "\(StateDatabase.explained($0, path: databasePath, doing: "use"))"
    }
  }
}

/// The reload pending after a file restored at start, until the first cycle.
private struct RestoredBeforeReady: Error, CustomStringConvertible {
  var description: String {
    "the rules file was restored from the state journal at start; the first cycle makes Falco"
      + " load it"
  }
}
