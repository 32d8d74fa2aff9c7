internal import CFalcoPlugin
import Glibc
import IPFeedCore
import Synchronization

/// One plugin state, from `plugin_init` to `plugin_destroy`: the config, the loaded set and its
/// watcher, what Falco's log and metrics are told, and the memory of extracted values.
final class PluginInstance: @unchecked Sendable {
  let config: PluginInitConfig
  private let owner: UnsafeMutableRawPointer?
  private let logFunction: ss_plugin_log_fn_t?

  /// What the watcher thread and the metrics share; held only to copy or swap, never across a
  /// file read or a decode, so that extraction never waits on a load.
  private struct Shared {
    var set = LoadedSet.empty
    var loadFailures: Int64 = 0
    var lastError: String?
    var lastErrorAt: Int64?
  }
  private let shared = Mutex(Shared())
  private let stopping = Atomic<Bool>(false)
  private var watcher: pthread_t?

  /// The identity of the last file the watcher looked at, loaded or refused: only a new one is
  /// read again. Touched by the watcher thread alone (and by init before it starts).
  private var lastSeen: DataFileIdentity?
  private var reportedMissing = false
  /// The set replaced by the last load, held one more watcher round so that its memory is freed
  /// here rather than on Falco's event thread, which may still point into it until its next call.
  private var retired: LoadedSet?

  let extraction = ExtractionBuffers()
  let metrics = MetricsBuffer()
  /// The last error of an entry point, for `plugin_get_last_error`.
  private(set) var lastEntryPointError: UnsafeMutablePointer<CChar>?

  init(config: PluginInitConfig, owner: UnsafeMutableRawPointer?, log: ss_plugin_log_fn_t?) {
    self.config = config
    self.owner = owner
    self.logFunction = log
  }

  deinit {
    free(lastEntryPointError)
  }

  func setLastError(_ message: String) {
    free(lastEntryPointError)
    lastEntryPointError = strdup(message)
  }

  var currentSet: LoadedSet { shared.withLock { $0.set } }

  // MARK: - Loading

  /// The first load, at init: a missing file is an empty set and a warning, a bad file an empty
  /// set and an error; neither fails Falco's start.
  func loadAtStart() {
    checkDataFile(force: true)
  }

  /// Looks at the data file; reads it only when its identity changed since the last look.
  func checkDataFile(force: Bool = false) {
    let identity = DataFileIdentity.of(path: config.dataPath)
    if identity == nil {
      if !reportedMissing {
        reportedMissing = true
        let set = currentSet
        log(
          .warning,
          set.identity == nil
            ? "data file \(config.dataPath) does not exist yet (falco-ipfeed writes it in plugin "
              + "mode); no address is listed until it appears"
            : "data file \(config.dataPath) is gone; keeping generation \(set.file.generation) "
              + "(\(set.file.count) entries) until a new one appears")
        writeStatus()
      }
      lastSeen = nil
      return
    }
    reportedMissing = false
    guard force || identity != lastSeen else { return }
    load()
  }

  private func load() {
    switch DataFileReader.read(path: config.dataPath) {
    case .loaded(let file, let identity):
      lastSeen = identity
      let set = LoadedSet(file: file, loadedAt: WallClock.now, identity: identity)
      let previous = shared.withLock { shared in
        let previous = shared.set
        shared.set = set
        return previous
      }
      retired = previous
      log(
        .info,
        "loaded generation \(file.generation) from \(config.dataPath): \(file.count) entries "
          + "(was generation \(previous.file.generation))")
    case .missing:
      lastSeen = nil
    case .failed(let reason, let identity):
      lastSeen = identity
      let now = WallClock.now
      let set = shared.withLock { shared in
        shared.loadFailures += 1
        shared.lastError = reason
        shared.lastErrorAt = now
        return shared.set
      }
      log(
        .error,
        "refused the data file: \(reason); keeping generation \(set.file.generation) "
          + "(\(set.file.count) entries)")
    }
    writeStatus()
  }

  // MARK: - The watcher thread

  /// Starts the thread that checks the data file once a second.
  func startWatching() {
    var thread = pthread_t()
    let context = Unmanaged.passUnretained(self).toOpaque()
    let result = pthread_create(
      &thread, nil,
      { context in
        let instance = Unmanaged<PluginInstance>.fromOpaque(context!).takeUnretainedValue()
        instance.watch()
        return nil
      }, context)
    if result == 0 {
      watcher = thread
    } else {
      log(.error, "cannot start the data file watcher: \(String(cString: strerror(result)))")
    }
  }

  /// Stops and joins the watcher thread (within a tenth of a second).
  func stopWatching() {
    stopping.store(true, ordering: .releasing)
    if let watcher { pthread_join(watcher, nil) }
    watcher = nil
  }

  private func watch() {
    while !stopping.load(ordering: .acquiring) {
      // Sleep a second in tenths, so that destroy never waits long.
      for _ in 0..<10 where !stopping.load(ordering: .acquiring) {
        var pause = timespec(tv_sec: 0, tv_nsec: 100_000_000)
        nanosleep(&pause, nil)
      }
      if stopping.load(ordering: .acquiring) { break }
      retired = nil  // the event thread has had a second to move on to the newer set
      checkDataFile()
    }
  }

  // MARK: - Reporting

  struct Snapshot {
    var set: LoadedSet
    var loadFailures: Int64
    var lastError: String?
    var lastErrorAt: Int64?
  }

  var snapshot: Snapshot {
    shared.withLock {
      Snapshot(
        set: $0.set, loadFailures: $0.loadFailures, lastError: $0.lastError,
        lastErrorAt: $0.lastErrorAt)
    }
  }

  private func writeStatus() {
    guard let path = config.statusPath else { return }
    let now = snapshot
    let status = PluginStatus(
      dataPath: config.dataPath,
      generation: now.set.identity == nil
        ? nil : Int64(truncatingIfNeeded: now.set.file.generation),
      entries: now.set.file.count, loadedAt: now.set.loadedAt,
      dataWrittenAt: now.set.identity?.modifiedSeconds, loadFailures: now.loadFailures,
      lastError: now.lastError, lastErrorAt: now.lastErrorAt, writtenAt: WallClock.now)
    if let failure = StatusFileWriter.write(status, to: path) {
      log(.warning, "cannot write the status file: \(failure)")
    }
  }

  enum Severity {
    case error
    case warning
    case info

    var code: ss_plugin_log_severity {
      switch self {
      case .error: SS_PLUGIN_LOG_SEV_ERROR
      case .warning: SS_PLUGIN_LOG_SEV_WARNING
      case .info: SS_PLUGIN_LOG_SEV_INFO
      }
    }
  }

  /// Into Falco's log; to stderr when the framework gives no log function.
  func log(_ severity: Severity, _ message: String) {
    if let logFunction {
      FalcoPluginInfo.name.withCString { component in
        message.withCString { text in logFunction(owner, component, text, severity.code) }
      }
    } else {
      let line = Array("\(FalcoPluginInfo.name): \(message)\n".utf8)
      _ = line.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
  }
}
