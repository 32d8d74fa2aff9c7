import Glibc

/// Seconds since 1970, from the system clock.
enum WallClock {
  static var now: Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec)
  }
}
