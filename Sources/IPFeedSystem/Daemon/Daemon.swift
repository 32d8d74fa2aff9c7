import Dispatch
import Glibc
import IPFeedCore
import Logging

/// `falco-ipfeed run`: the long-running service, as plumbing. `DaemonDecisions` decides what a
/// cycle means; this class owns the queue, the timers, the signals and sd_notify.
///
/// All state lives on one serial queue. Cycles run on a worker queue so that the daemon queue
/// stays free for signals and the watchdog; a cycle's end comes back to the daemon queue, which
/// then re-arms the timer, so cycles never overlap.
public final class Daemon: @unchecked Sendable {
  public typealias RunnerFactory = @Sendable (Config, Logger) throws -> DaemonCycleRunner

  private let queue = DispatchQueue(label: "falco-ipfeed.daemon")
  private let worker = DispatchQueue(label: "falco-ipfeed.cycle")
  private let configPath: String
  private let makeRunner: RunnerFactory
  private let logger: Logger
  private let clocks: DaemonClocks
  private let notifier = SystemdNotifier()

  // State, confined to `queue`.
  private var config: Config
  private var runner: DaemonCycleRunner?
  /// The runner of the cycle in progress: a SIGHUP may have replaced `runner` since it started.
  private var cycleRunner: DaemonCycleRunner?
  /// When the cycle in progress started, on the monotonic clock.
  private var cycleStartedAt: Duration?
  private var cycleRequestedWhileRunning = false
  private var stopping = false
  private var decisions: DaemonDecisions
  private var pollTimer: DispatchSourceTimer?
  private let signals = SignalSources()
  private let watchdog = WatchdogPinger()

  public init(
    config: Config, configPath: String, logger: Logger, clocks: DaemonClocks = .system,
    makeRunner: @escaping RunnerFactory
  ) {
    self.config = config
    self.configPath = configPath
    self.logger = logger
    self.clocks = clocks
    self.makeRunner = makeRunner
    decisions = DaemonDecisions(
      interval: config.interval, jitter: config.jitter, startedAt: clocks.wall(),
      monotonic: clocks.monotonic())
  }

  /// Starts everything on the daemon queue: signal handling, restoring the rules file from the
  /// state journal, READY (before any download, any wait on another process, and Falco's
  /// reload: readiness waits on nothing), the watchdog, and the first cycle.
  public func start() {
    SignalSources.unblock(Self.handledSignals)
    queue.async { self.startOnQueue() }
  }

  private static let handledSignals = [SIGTERM, SIGINT, SIGHUP, SIGUSR1]

  private func startOnQueue() {
    dispatchPrecondition(condition: .onQueue(queue))
    signals.install(Self.handledSignals, on: queue) { [weak self] in self?.handle($0) }
    let runner: DaemonCycleRunner
    do {
      runner = try makeRunner(config, logger)
    } catch {
      logger.critical("cannot start", metadata: ["error": "\(error)"])
      exit(1)
    }
    self.runner = runner
    logger.info(
      "started",
      metadata: [
        "config": "\(configPath)", "interval": "\(DurationText.format(config.interval))",
        "version": "\(FalcoIPFeedVersion.string)",
      ])
    runner.logSetup()
    do {
      if let total = try runner.restoreRulesFile() { decisions.restored(total: total) }
    } catch {
      // A damaged state journal: exiting would only have systemd restart into the same error.
      // Every cycle reports it until the file is moved aside.
      logger.error("the state journal needs attention", metadata: ["error": "\(error)"])
      decisions.stateJournalFailed("\(error)")
    }
    notifier.ready(status: decisions.readyText(now: clocks.wall()))
    watchdog.start(on: queue, notifier: notifier, logger: logger) { [weak self] schedule in
      guard let self, let started = cycleStartedAt else { return false }
      return !schedule.shouldPing(cycleRunningFor: clocks.monotonic() - started, config: config)
    }
    startCycle()
  }

  // MARK: - Cycles

  private func startCycle() {
    dispatchPrecondition(condition: .onQueue(queue))
    guard !stopping, let runner else { return }
    guard cycleStartedAt == nil else {
      cycleRequestedWhileRunning = true
      return
    }
    cycleStartedAt = clocks.monotonic()
    cycleRunner = runner
    pollTimer?.cancel()
    pollTimer = nil
    worker.async {
      let outcome = Result { () throws(CycleError) -> DaemonCycleResult in try runner.runCycle() }
      self.queue.async { self.cycleEnded(outcome) }
    }
  }

  private func cycleEnded(_ outcome: Result<DaemonCycleResult, CycleError>) {
    dispatchPrecondition(condition: .onQueue(queue))
    cycleStartedAt = nil
    cycleRunner = nil
    if stopping { finishStopping() }
    let now = clocks.wall()
    let next = decisions.cycleFinished(
      outcome, at: now, monotonic: clocks.monotonic(), pollNow: cycleRequestedWhileRunning)
    cycleRequestedWhileRunning = false
    if case .failure(let error) = outcome {
      logger.error(
        "cycle failed",
        metadata: [
          "error": "\(error)", "consecutive_failures": "\(decisions.cycleFailures)",
          "retry_in": "\(DurationText.compact(next.delay))",
        ])
    }
    notifier.status(decisions.status.text(now: now))
    pollTimer?.cancel()
    pollTimer = DispatchSource.timer(on: queue, after: next.delay) { [weak self] in
      self?.startCycle()
    }
    // Queued behind this handler, which drops the cycle's result (its feeds and diff) when it
    // returns: the memory is given back once it is free.
    worker.async { [runner] in
      try? runner?.recordNextPoll(at: next.at)
      runner?.releaseMemory()
    }
  }

  // MARK: - Signals

  private func handle(_ signal: Int32) {
    dispatchPrecondition(condition: .onQueue(queue))
    switch signal {
    case SIGTERM, SIGINT: stop()
    case SIGHUP: reloadConfig()
    case SIGUSR1:
      logger.info("cycle requested by SIGUSR1")
      startCycle()
    default: break
    }
  }

  /// SIGHUP: read the config again. An invalid one keeps the running config and says so.
  private func reloadConfig() {
    dispatchPrecondition(condition: .onQueue(queue))
    notifier.reloading()
    do {
      var newConfig = try ConfigLoader.load(path: configPath)
      if newConfig.stateDirectory != config.stateDirectory {
        logger.warning(
          "state_directory changes take effect at the next restart",
          metadata: ["state_directory": "\(config.stateDirectory)"])
        newConfig.stateDirectory = config.stateDirectory
      }
      runner = try makeRunner(newConfig, logger)
      runner?.logSetup()
      config = newConfig
      decisions.configReloaded(interval: newConfig.interval, jitter: newConfig.jitter)
      logger.notice("config reloaded", metadata: ["config": "\(configPath)"])
      notifier.ready(status: "config reloaded; " + decisions.status.text(now: clocks.wall()))
      startCycle()
    } catch {
      logger.error(
        "config reload failed, the previous config stays", metadata: ["error": "\(error)"])
      decisions.configRejected("config invalid, still running the previous one: \(error)")
      notifier.ready(status: decisions.status.text(now: clocks.wall()))
    }
  }

  /// SIGTERM: abort the transfer in progress (on the runner that started it, and on the
  /// current one), let the cycle end without committing anything partial, then exit 0.
  private func stop() {
    dispatchPrecondition(condition: .onQueue(queue))
    guard !stopping else { return }
    stopping = true
    logger.notice("stopping")
    notifier.stopping()
    pollTimer?.cancel()
    cycleRunner?.cancel()
    runner?.cancel()
    if cycleStartedAt == nil { finishStopping() }
    // A cycle past its cancellation point (validating, committing) gets a few seconds.
    queue.asyncAfter(deadline: .now() + .seconds(4)) { self.finishStopping() }
  }

  private func finishStopping() {
    exit(0)
  }
}
