import Foundation

/// The real plugin library loaded as Falco loads it, by the C harness (Tests/PluginHarness) in a
/// process of its own, initialised with an `init_config` as falco.yaml gives it.
final class PluginInFalco {
  private let process = Process()
  private let input = Pipe()
  private let output = Pipe()

  static let harness = URL(fileURLWithPath: TestPaths.binary).deletingLastPathComponent()
    .appendingPathComponent("falco-plugin-harness").path
  static let library = URL(fileURLWithPath: TestPaths.binary).deletingLastPathComponent()
    .appendingPathComponent("libfalco-ipfeed-plugin.so").path

  init(initConfig: String, log: String) throws {
    process.executableURL = URL(fileURLWithPath: Self.harness)
    process.standardInput = input
    process.standardOutput = output
    _ = FileManager.default.createFile(atPath: log, contents: nil)
    process.standardError = FileHandle(forWritingAtPath: log)
    try process.run()
    send("load \(Self.library)")
    send("init \(initConfig)")
  }

  /// Ends the plugin as Falco does at exit (`destroy`), then the harness.
  func stop() {
    send("destroy")
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
  }

  deinit {
    if process.isRunning { stop() }
  }

  /// Sends one command and waits for its one-line answer.
  @discardableResult
  private func send(_ command: String) -> String {
    input.fileHandleForWriting.write(Data((command + "\n").utf8))
    var line = Data()
    while true {
      let byte = output.fileHandleForReading.readData(ofLength: 1)
      if byte.isEmpty || byte.first == UInt8(ascii: "\n") { break }
      line.append(byte)
    }
    return String(decoding: line, as: UTF8.self)
  }
}
