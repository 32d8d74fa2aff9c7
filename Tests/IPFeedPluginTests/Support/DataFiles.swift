import Foundation
import IPFeedCore

/// Data files for the plugin, written as the daemon writes them: a temporary file in the same
/// directory, then a rename over the old one.
enum DataFiles {
  static func entry(_ address: String, score: Int = 7, source: String = "ipsum", since: Int64 = 0)
    -> PluginDataEntry
  {
    PluginDataEntry(address: IPAddress(address)!, score: score, source: source, listedSince: since)
  }

  static func write(_ bytes: [UInt8], to path: String) throws {
    let temporary = path + ".new"
    try Data(bytes).write(to: URL(fileURLWithPath: temporary))
    guard rename(temporary, path) == 0 else {
      throw HarnessError(message: "cannot rename \(temporary): errno \(errno)")
    }
  }

  static func write(generation: UInt64, _ entries: [PluginDataEntry], to path: String) throws {
    try write(PluginDataFile(generation: generation, entries: entries).encoded(), to: path)
  }

  /// A fresh directory for one test.
  static func directory() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("falco-ipfeed-plugin-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func config(dataPath: String, statusPath: String? = nil) -> String {
    var members: [(key: String, value: FlatJSONValue)] = [("data_path", .string(dataPath))]
    if let statusPath { members.append(("status_path", .string(statusPath))) }
    return FlatJSONObject(members).text
  }
}
