import Glibc
import IPFeedCore

/// Installs plugin mode's data file atomically: a temporary file in the same directory, fsync,
/// mode 0644, `rename(2)` into place, fsync of the directory. The plugin, which checks the
/// file's identity at most once a second, and a crash see the old file or the new one, never
/// part of one. Falco does not watch this directory, so the temporary file may live beside it.
public struct AtomicDataFileWriter: DataFileWriter {
  public let path: String

  public init(path: String) {
    self.path = path
  }

  public var directory: String { FileSystem.parent(of: path) }
  /// Temporary files are named `.NAME.tmp.PID`, so a leftover from a killed run is recognised.
  public var temporaryPrefix: String { ".\(FileSystem.baseName(of: path)).tmp." }

  /// The largest data file read back: the format's own limit.
  public func currentContents() throws -> [UInt8]? {
    try FileSystem.readFile(path, limit: PluginDataFile.maximumFileSize)
  }

  public func install(_ contents: [UInt8]) throws {
    try FileSystem.createDirectories(directory)
    let temporary = "\(directory)/\(temporaryPrefix)\(getpid())"
    unlink(temporary)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw SystemCallError("create the temporary file", path: temporary) }
    var renamed = false
    defer { if !renamed { unlink(temporary) } }
    do {
      defer { close(fd) }
      try FileSystem.writeAll(fd, contents, path: temporary)
      // Falco may run as another user than the daemon: readable whatever the umask.
      guard fchmod(fd, 0o644) == 0 else { throw SystemCallError("chmod", path: temporary) }
      guard fsync(fd) == 0 else { throw SystemCallError("sync", path: temporary) }
    }
    guard rename(temporary, path) == 0 else {
      throw SystemCallError("rename the temporary file into", path: path)
    }
    renamed = true
    try FileSystem.syncDirectory(directory)
  }

  /// Removes temporary files a killed run left. Returns their paths. Call it only while holding
  /// the cycle lock, when no other run can be writing one.
  @discardableResult
  public func removeLeftoverTemporaryFiles() -> [String] {
    let leftovers = FileSystem.directoryEntries(directory)
      .filter { $0.hasPrefix(temporaryPrefix) }
      .map { "\(directory)/\($0)" }
    for leftover in leftovers { unlink(leftover) }
    return leftovers
  }
}
