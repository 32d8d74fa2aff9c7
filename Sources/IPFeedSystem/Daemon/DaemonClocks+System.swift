import IPFeedCore

extension DaemonClocks {
  /// The system's wall clock and its monotonic clock.
  public static let system = DaemonClocks(
    wall: { .now }, monotonic: { ContinuousClock.now - monotonicOrigin })

  private static let monotonicOrigin = ContinuousClock.now
}
