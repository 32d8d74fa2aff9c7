import Foundation

/// A directory of its own for one test, removed with everything in it when the test ends.
final class TemporaryDirectory {
  let path: String

  init() throws {
    var template = Array("/tmp/falco-ipfeed-test.XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else {
      throw CocoaError(.fileWriteUnknown)
    }
    path = String(cString: made)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  func file(_ name: String) -> String { "\(path)/\(name)" }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, Array(text.utf8))
  }

  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let target = file(name)
    try FileManager.default.createDirectory(
      atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: target))
    return target
  }

  /// An executable, mode 0755. Written by `install(1)`, not by this process: a child that
  /// another test forks here inherits every descriptor open at that moment, and while it holds
  /// one open for writing on the file, running the file fails with ETXTBSY ("Text file busy").
  @discardableResult
  func writeExecutable(_ name: String, _ bytes: [UInt8]) throws -> String {
    let staged = try write(name + ".staged", bytes)
    let target = file(name)
    let install = Process()
    install.executableURL = URL(fileURLWithPath: "/usr/bin/install")
    install.arguments = ["-m", "0755", staged, target]
    try install.run()
    install.waitUntilExit()
    guard install.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    try FileManager.default.removeItem(atPath: staged)
    return target
  }

  @discardableResult
  func writeExecutable(_ name: String, _ text: String) throws -> String {
    try writeExecutable(name, Array(text.utf8))
  }

  func read(_ name: String) throws -> [UInt8] {
    try Array(Data(contentsOf: URL(fileURLWithPath: file(name))))
  }

  /// Every file under the directory, relative to it, sorted.
  func allFiles() -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: path)
    var files: [String] = []
    while let name = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: file(name), isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        files.append(name)
      }
    }
    return files.sorted()
  }
}
