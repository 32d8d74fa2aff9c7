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
