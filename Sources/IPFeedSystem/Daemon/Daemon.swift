internal import CMalloc
import Dispatch
import Glibc
import IPFeedCore
import Logging

/// `falco-ipfeed run`: the long-running service.
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
  private let notifier = SystemdNotifier()

  // State, confined to `queue`.
  private var config: Config
  private var runner: DaemonCycleRunner?
  private var pollTimer: DispatchSourceTimer?
  private var watchdogTimer: DispatchSourceTimer?
  private var signalSources: [DispatchSourceSignal] = []
  private var cycleStartedAt: ContinuousClock.Instant?
  private var cycleRequestedWhileRunning = false
  private var stopping = false
  private var failures: [String: Int] = [:]
  private var status: DaemonStatusLine
  private var lastSuccessAt: UnixTime
  private var configProblem: String?

  public init(
    config: Config, configPath: String, logger: Logger, makeRunner: @escaping RunnerFactory
  ) {
    self.config = config
    self.configPath = configPath
    self.logger = logger
    self.makeRunner = makeRunner
    self.lastSuccessAt = .now
    self.status = DaemonStatusLine(total: 0)
  }

  /// Starts everything on the daemon queue: signal handling, reconciling the rules file with the
  /// state journal, READY (before any download: readiness must not wait on the network), the
  /// watchdog, and the first cycle.
  public func start() {
    // A parent may have left these blocked (test runners do); Dispatch needs them delivered.
    var signals = sigset_t()
    sigemptyset(&signals)
    for signal in Self.handledSignals { sigaddset(&signals, signal) }
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    queue.async { self.startOnQueue() }
  }

  private static let handledSignals = [SIGTERM, SIGINT, SIGHUP, SIGUSR1]

  private func startOnQueue() {
    dispatchPrecondition(condition: .onQueue(queue))
    installSignalHandlers()
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
      status.total = try runner.reconcile()
    } catch {
      // A damaged state journal: exiting would only have systemd restart into the same error.
      // Every cycle reports it until the file is moved aside.
      logger.error("the state journal needs attention", metadata: ["error": "\(error)"])
      status.problems = ["state journal: \(error)"]
    }
    notifier.ready(status: status.text(now: .now) + "; first poll now")
    startWatchdog()
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
    cycleStartedAt = .now
    pollTimer?.cancel()
    pollTimer = nil
    worker.async {
      let outcome = Result { () throws(CycleError) -> DaemonCycleResult in try runner.runCycle() }
      // A changed cycle's lists and buffers (tens of MB) are freed by now, but glibc keeps the
      // pages for reuse: give them back, since the next cycle is hours away.
      malloc_trim(0)
      self.queue.async { self.cycleEnded(outcome) }
    }
  }

  private func cycleEnded(_ outcome: Result<DaemonCycleResult, CycleError>) {
    dispatchPrecondition(condition: .onQueue(queue))
    cycleStartedAt = nil
    if stopping { finishStopping() }
    let now = UnixTime.now
    var delay = config.interval + randomJitter()
    switch outcome {
    case .success(let result):
      status.total = result.report.total
      status.problems = []
      if let problem = configProblem { status.problems.append(problem) }
      if case .held(let hold) = result.report.outcome {
        status.problems.append("update held: \(hold.shortText)")
      }
      if case .rejectedByFalco = result.report.outcome {
        status.problems.append("update held: Falco found the new rules file invalid")
      }
      if let reloadFailure = result.report.reloadFailure {
        status.problems.append("Falco reload failed: \(reloadFailure)")
      }
      if case .applied(let diff) = result.report.outcome {
        status.lastChange = (now, diff.added.count, diff.removed.count)
      } else if status.lastChange == nil, let last = result.lastChange {
        status.lastChange = last
      }
      status.sources = result.report.sources.map {
        DaemonStatusLine.SourceState(name: $0.name, result: $0.shortResult, at: now)
      }
      if result.report.sources.contains(where: { !$0.failed }) { lastSuccessAt = now }
      delay = min(delay, backoff(after: result.report))
    case .failure(let error):
      logger.error("cycle failed", metadata: ["error": "\(error)"])
      status.problems = ["cycle failed: \(error.cause)"]
      delay = min(delay, BackoffSchedule(interval: config.interval).delay(afterFailures: 1))
    }
    let staleAfter = config.interval * 2
    status.staleSince =
      now.seconds - lastSuccessAt.seconds > staleAfter.components.seconds
      ? lastSuccessAt : nil
    if cycleRequestedWhileRunning {
      cycleRequestedWhileRunning = false
      delay = .zero
    }
    let nextPoll = now + delay
    status.nextPoll = nextPoll
    notifier.status(status.text(now: now))
    schedulePoll(after: delay)
    if let runner {
      worker.async { try? runner.recordNextPoll(at: nextPoll) }
    }
  }

  /// The earliest retry that a failed source asks for, on the backoff schedule.
  private func backoff(after report: CycleReport) -> Duration {
    let schedule = BackoffSchedule(interval: config.interval)
    var earliest = Duration.seconds(Int64.max / 2)
    for source in report.sources {
      guard source.failed else {
        failures[source.name] = nil
        continue
      }
      let count = (failures[source.name] ?? 0) + 1
      failures[source.name] = count
      earliest = min(earliest, schedule.delay(afterFailures: count, retryAfter: source.retryAfter))
    }
    return earliest
  }

  private func randomJitter() -> Duration {
    let seconds = config.jitter.components.seconds
    return seconds > 0 ? .seconds(Int64.random(in: 0...seconds)) : .zero
  }

  private func schedulePoll(after delay: Duration) {
    dispatchPrecondition(condition: .onQueue(queue))
    let timer = DispatchSource.makeTimerSource(queue: queue)
    let milliseconds =
      delay.components.seconds * 1_000 + delay.components.attoseconds / 1_000_000_000_000_000
    timer.schedule(deadline: .now() + .milliseconds(Int(milliseconds)))
    timer.setEventHandler { [weak self] in self?.startCycle() }
    pollTimer?.cancel()
    pollTimer = timer
    timer.resume()
  }

  // MARK: - Signals

  private func installSignalHandlers() {
    for signal in Self.handledSignals {
      // The default actions would end the process; Dispatch delivers them to the queue instead.
      Glibc.signal(signal, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
      source.setEventHandler { [weak self] in self?.handle(signal) }
      source.resume()
      signalSources.append(source)
    }
  }

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
      let newConfig = try ConfigLoader.load(path: configPath)
      if newConfig.stateDirectory != config.stateDirectory {
        logger.warning(
          "state_directory changes take effect at the next restart",
          metadata: ["state_directory": "\(config.stateDirectory)"])
      }
      var applied = newConfig
      applied.stateDirectory = config.stateDirectory
      runner = try makeRunner(applied, logger)
      runner?.logSetup()
      config = applied
      configProblem = nil
      logger.notice("config reloaded", metadata: ["config": "\(configPath)"])
      status.problems = []
      notifier.ready(status: "config reloaded; " + status.text(now: .now))
      startCycle()
    } catch {
      configProblem = "config invalid, still running the previous one: \(error)"
      logger.error(
        "config reload failed, the previous config stays", metadata: ["error": "\(error)"])
      status.problems = [configProblem!]
      notifier.ready(status: status.text(now: .now))
    }
  }

  /// SIGTERM: abort a transfer in progress, let the cycle end without committing anything
  /// partial, then exit 0.
  private func stop() {
    dispatchPrecondition(condition: .onQueue(queue))
    guard !stopping else { return }
    stopping = true
    logger.notice("stopping")
    notifier.stopping()
    pollTimer?.cancel()
    runner?.cancel()
    if cycleStartedAt == nil { finishStopping() }
    // A cycle past its cancellation point (validating, committing) gets a few seconds.
    queue.asyncAfter(deadline: .now() + .seconds(4)) { self.finishStopping() }
  }

  private func finishStopping() {
    exit(0)
  }

  // MARK: - Watchdog

  /// Pings systemd's watchdog from the daemon queue, unless a cycle has run far longer than its
  /// limits allow: then the pings stop and systemd restarts the daemon.
  private func startWatchdog() {
    guard let interval = notifier.watchdogPingInterval else { return }
    let timer = DispatchSource.makeTimerSource(queue: queue)
    let milliseconds = Int(
      interval.components.seconds * 1_000 + interval.components.attoseconds / 1_000_000_000_000_000)
    timer.schedule(deadline: .now(), repeating: .milliseconds(max(milliseconds, 100)))
    timer.setEventHandler { [weak self] in self?.pingWatchdog() }
    watchdogTimer = timer
    timer.resume()
  }

  private func pingWatchdog() {
    dispatchPrecondition(condition: .onQueue(queue))
    if let started = cycleStartedAt, ContinuousClock.now - started > longestCycle {
      logger.critical(
        "a cycle is stuck: watchdog pings stopped so that systemd restarts the daemon")
      return
    }
    notifier.watchdog()
  }

  /// Every source timing out, plus Falco's validation and the reload.
  private var longestCycle: Duration {
    (config.http.timeout + .seconds(10)) * config.sources.count + .seconds(300)
  }
}
