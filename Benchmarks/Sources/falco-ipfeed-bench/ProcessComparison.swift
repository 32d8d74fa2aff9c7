import Glibc

/// Whole processes side by side: each command runs `runs` times, the commands interleaved (in
/// a rotating order) so that a noisy neighbour slows them alike. Reports wall time, CPU time
/// (user + system, children included) and peak RSS, and each command's median wall time as a
/// ratio of the first command's.
struct ProcessComparison {
  struct Command {
    var name: String
    /// Run with `/bin/sh -c`; its standard output and error go to /dev/null.
    var shell: String
  }

  var commands: [Command]
  var runs: Int

  func run() {
    var wall = Array(repeating: [Double](), count: commands.count)
    var cpu = Array(repeating: [Double](), count: commands.count)
    var peak = Array(repeating: 0, count: commands.count)
    for index in commands.indices { _ = Self.spawn(commands[index].shell) }  // warm the caches
    for round in 0..<runs {
      for offset in commands.indices {
        let index = (round + offset) % commands.count
        let result = Self.spawn(commands[index].shell)
        guard result.status == 0 else {
          printError(
            "falco-ipfeed-bench: \(commands[index].name) exited \(result.status): "
              + commands[index].shell)
          exit(1)
        }
        wall[index].append(result.wallMilliseconds)
        cpu[index].append(result.cpuMilliseconds)
        peak[index] = max(peak[index], result.peakKiB)
      }
    }
    let baseline = Measurement(samples: wall[0]).median
    print(
      "command".padding(30) + "wall ms median (min–max)".padding(28)
        + "CPU ms median".padding(16) + "peak RSS".padding(12) + "wall / \(commands[0].name)")
    for index in commands.indices {
      let time = Measurement(samples: wall[index])
      print(
        commands[index].name.padding(30) + time.summary().padding(28)
          + Measurement.format(Measurement(samples: cpu[index]).median, 1).padding(16)
          + "\(Measurement.format(Double(peak[index]) / 1024, 1)) MiB".padding(12)
          + Measurement.format(time.median / baseline, 2))
    }
  }

  struct Result {
    var status: Int32
    var wallMilliseconds: Double
    var cpuMilliseconds: Double
    var peakKiB: Int
  }

  static func spawn(_ shell: String) -> Result {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    // The commands' notices would bury the table; a failing command is named, to be rerun.
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let arguments = ["/bin/sh", "-c", shell]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    let start = Stopwatch.milliseconds()
    var pid: pid_t = 0
    guard posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, environ) == 0 else {
      return Result(status: 127, wallMilliseconds: 0, cpuMilliseconds: 0, peakKiB: 0)
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let wall = Stopwatch.milliseconds() - start
    func milliseconds(_ time: timeval) -> Double {
      Double(time.tv_sec) * 1_000 + Double(time.tv_usec) / 1_000
    }
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return Result(
      status: exitStatus, wallMilliseconds: wall,
      cpuMilliseconds: milliseconds(usage.ru_utime) + milliseconds(usage.ru_stime),
      peakKiB: usage.ru_maxrss)
  }
}
