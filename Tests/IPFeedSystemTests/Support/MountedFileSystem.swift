import Foundation
import Testing

/// A file system the test mounts over one of its directories (as root): a small tmpfs that
/// fills up, or a read-only bind mount. Unmounted when the test ends.
final class MountedFileSystem {
  let path: String
  private var mounted = true

  /// Root may mount; anyone else skips the tests that need it.
  static var canMount: Bool { geteuid() == 0 }
  static let skipUnlessRoot: Comment =
    "mounting a small tmpfs or a read-only bind mount needs root: run the tests as root"

  private init(path: String) {
    self.path = path
  }

  deinit {
    if mounted { try? Self.run("/bin/umount", ["-l", path]) }
  }

  /// A tmpfs of `bytes` at `path` (created when missing).
  static func tmpfs(at path: String, bytes: Int) throws -> MountedFileSystem {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(bytes),mode=0755", "tmpfs", path])
    return MountedFileSystem(path: path)
  }

  /// `path` again, read-only, over itself: files already open stay writable, as after a
  /// `mount -o remount,ro` that waited for them; every new open for writing fails with EROFS.
  static func readOnlyBind(at path: String) throws -> MountedFileSystem {
    try run("/bin/mount", ["--bind", "-o", "ro", path, path])
    return MountedFileSystem(path: path)
  }

  /// Gives a tmpfs a new size: more space ends a "disk full".
  func resize(to bytes: Int) throws {
    try Self.run("/bin/mount", ["-o", "remount,size=\(bytes)", path])
  }

  func unmount() throws {
    try Self.run("/bin/umount", [path])
    mounted = false
  }

  /// Fills the file system to the last byte with `name`; returns its path.
  @discardableResult
  func fill(_ name: String = "filler") throws -> String {
    let filler = "\(path)/\(name)"
    let fd = open(filler, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    guard fd >= 0 else { throw TestServerError("could not create \(filler): errno \(errno)") }
    defer { close(fd) }
    let block = [UInt8](repeating: 0xA5, count: 4096)
    while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
    // Then byte by byte, for the last partial page.
    var byte: UInt8 = 0xA5
    while write(fd, &byte, 1) > 0 {}
    return filler
  }

  private static func run(_ tool: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw TestServerError(
        "\(tool) \(arguments.joined(separator: " ")) failed: "
          + String(decoding: message, as: UTF8.self))
    }
  }
}
