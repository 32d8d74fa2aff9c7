import IPFeedCore

/// What the daemon needs of the update machinery; `UpdateRunner` provides it.
public protocol DaemonCycleRunner: Sendable {
  /// Before READY: puts the rules file in agreement with the state journal without waiting on
  /// any other process (Falco is made to load a restored file by the first cycle). Returns the
  /// number of addresses applied, or nil when another run holds the lock (the first cycle
  /// then does it all).
  func restoreRulesFile() throws -> Int?
  /// Runs one update cycle.
  func runCycle() throws(CycleError) -> DaemonCycleResult
  /// Aborts a transfer in progress within a second, and every later one, from any thread.
  func cancel()
  /// Records when the next poll is due, for `falco-ipfeed status`.
  func recordNextPoll(at time: UnixTime) throws(CycleError)
  /// Gives back what a cycle left for reuse (caches, freed heap pages): after the daemon has
  /// dropped the cycle's result, which holds its feeds and diff.
  func releaseMemory()
  /// Logs how Falco will be made to load new files and whether they are checked first.
  func logSetup()
}
