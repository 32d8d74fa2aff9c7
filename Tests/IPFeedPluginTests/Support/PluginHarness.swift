import Foundation
import Testing

/// The C harness (Tests/PluginHarness) in a process of its own, with the plugin library loaded:
/// the tests talk to the plugin only through the plugin API, as Falco does.
final class PluginHarness {
  private let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private let errors = Pipe()
  private var buffered = Data()

  /// Starts the harness and loads `library` (the debug build of the plugin by default).
  init(library: String = PluginPaths.debugLibrary) throws {
    process.executableURL = URL(fileURLWithPath: PluginPaths.harness)
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let answer = send("load \(library)")
    guard answer == "loaded" else {
      throw HarnessError(message: "cannot load \(library): \(answer)")
    }
  }

  deinit {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
  }

  /// Sends one command and returns its one-line answer.
  @discardableResult
  func send(_ command: String) -> String {
    input.fileHandleForWriting.write(Data((command + "\n").utf8))
    while true {
      if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: buffered[buffered.startIndex..<newline], as: UTF8.self)
        buffered.removeSubrange(buffered.startIndex...newline)
        return line
      }
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { return "harness exited (status \(process.terminationStatus))" }
      buffered.append(chunk)
    }
  }

  /// An answer's tab-separated name/value pairs.
  func fields(_ command: String) -> [String: String] {
    Self.pairs(send(command))
  }

  static func pairs(_ line: String) -> [String: String] {
    let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    var result: [String: String] = [:]
    var index = 0
    while index + 1 < parts.count {
      result[parts[index]] = parts[index + 1]
      index += 2
    }
    return result
  }

  /// Initialises the plugin with `config` (JSON, or empty for none).
  func initialise(_ config: String) -> (rc: Int, error: String) {
    let answer = fields("init \(config)")
    return (Int(answer["rc"] ?? "") ?? -1, answer["error"] ?? "")
  }

  /// The fields extracted from `event`; empty when none.
  func extract(_ event: [UInt8]) -> [String: String] {
    let answer = send("extract " + event.hex)
    return answer == "none" ? [:] : Self.pairs(answer)
  }

  /// Everything the plugin wrote to its log (stderr through the harness's log function) so far.
  func closeAndReadLog() -> String {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  }
}

struct HarnessError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

extension [UInt8] {
  var hex: String {
    let digits = "0123456789abcdef".map { $0 }
    var text = ""
    text.reserveCapacity(count * 2)
    for byte in self {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0xf)])
    }
    return text
  }
}
