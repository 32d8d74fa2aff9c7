import Glibc
import IPFeedCore

extension UnixTime {
  /// The current time from the system's wall clock.
  public static var now: UnixTime {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return UnixTime(seconds: Int64(now.tv_sec))
  }
}
