import Foundation
import Synchronization

/// One run of the `falco-ipfeed` executable, as a user runs it.
struct CommandRun {
  var status: Int32
  var output: String
  var error: String
  var outputBytes: [UInt8]

  /// `environment` adds to (or replaces in) the test's own environment.
  static func falcoIPFeed(
    _ arguments: [String], input: [UInt8]? = nil, environment: [String: String] = [:]
  ) throws -> CommandRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: TestPaths.binary)
    process.arguments = arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let stdout = Pipe()
    let stderr = Pipe()
    let stdin = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    try process.run()
    if let input {
      DispatchQueue.global().async {
        stdin.fileHandleForWriting.write(Data(input))
        try? stdin.fileHandleForWriting.close()
      }
    }
    // Read both pipes while the process runs, so a large output cannot fill one and block it.
    let errorData = Mutex(Data())
    let errorDone = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      let data = stderr.fileHandleForReading.readDataToEndOfFile()
      errorData.withLock { $0 = data }
      errorDone.signal()
    }
    let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
    errorDone.wait()
    process.waitUntilExit()
    return CommandRun(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      error: String(decoding: errorData.withLock { $0 }, as: UTF8.self),
      outputBytes: Array(outputData))
  }
}
