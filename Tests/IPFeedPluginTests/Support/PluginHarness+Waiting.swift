import Foundation

extension PluginHarness {
  /// The value of metric `name` (every metric of the plugin is a u64).
  func metric(_ name: String) -> UInt64? {
    let parts = send("metrics").split(separator: "\t").map(String.init)
    var index = 0
    while index + 3 < parts.count {
      if parts[index] == name { return UInt64(parts[index + 3]) }
      index += 4
    }
    return nil
  }

  /// Polls `condition` every 50 ms until it holds or `timeout` seconds pass.
  func waitUntil(timeout: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if condition() { return true }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return condition()
  }
}
