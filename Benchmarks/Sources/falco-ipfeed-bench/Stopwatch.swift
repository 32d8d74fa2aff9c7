import Glibc

/// Monotonic time and this process's CPU time, in milliseconds.
enum Stopwatch {
  static func milliseconds(_ clock: clockid_t = CLOCK_MONOTONIC) -> Double {
    var now = timespec()
    clock_gettime(clock, &now)
    return Double(now.tv_sec) * 1_000 + Double(now.tv_nsec) / 1_000_000
  }

  /// Runs `body` `runs` times; the wall time of each run.
  static func measure<T>(runs: Int, _ body: () -> T) -> (Measurement, T) {
    var samples: [Double] = []
    var result = body()  // warm-up, not counted
    for _ in 0..<runs {
      let start = milliseconds()
      result = body()
      samples.append(milliseconds() - start)
    }
    return (Measurement(samples: samples), result)
  }
}
