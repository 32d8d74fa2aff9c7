import IPFeedCore

/// What the daemon needs of the update machinery; `UpdateRunner` provides it.
public protocol DaemonCycleRunner: Sendable {
  /// Puts the rules file in agreement with the state journal (before READY); returns the
  /// number of addresses applied.
  func reconcile() throws -> Int
  /// Runs one update cycle.
  func runCycle() throws(CycleError) -> DaemonCycleResult
  /// Aborts a transfer in progress within a second, from any thread.
  func cancel()
  /// Records when the next poll is due, for `falco-ipfeed status`.
  func recordNextPoll(at time: UnixTime) throws(CycleError)
  /// Logs how Falco will be made to load new files and whether they are checked first.
  func logSetup()
}

/// A finished cycle, with what the status line needs beyond the report.
public struct DaemonCycleResult: Sendable {
  public var report: CycleReport
  /// The last applied change before this cycle, from the state journal: when, +added, −removed.
  public var lastChange: (at: UnixTime, added: Int, removed: Int)?

  public init(report: CycleReport, lastChange: (at: UnixTime, added: Int, removed: Int)? = nil) {
    self.report = report
    self.lastChange = lastChange
  }
}
