/// The clocks the daemon reads: the wall clock for the times it shows and records, and a
/// monotonic one for how long a cycle has run (a wall clock stepped by NTP or by hand must not
/// make a cycle look stuck). The shell provides the system's; tests may provide others.
public struct DaemonClocks: Sendable {
  /// The current time, UTC.
  public var wall: @Sendable () -> UnixTime
  /// Time since some fixed point: only differences mean anything.
  public var monotonic: @Sendable () -> Duration

  public init(
    wall: @escaping @Sendable () -> UnixTime, monotonic: @escaping @Sendable () -> Duration
  ) {
    self.wall = wall
    self.monotonic = monotonic
  }
}
