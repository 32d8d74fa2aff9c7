import Foundation

/// A running process's resident memory and open file descriptors, from /proc.
struct ProcessSample {
  /// Seconds since the soak started.
  var elapsed: Double
  /// VmRSS, in KiB.
  var residentKiB: Int
  var openDescriptors: Int

  init?(pid: Int32, elapsed: Double) {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
      let kib = Int(line.split(separator: " ").dropFirst().first ?? ""),
      let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")
    else { return nil }
    self.elapsed = elapsed
    residentKiB = kib
    openDescriptors = descriptors.count
  }
}
