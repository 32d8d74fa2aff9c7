import Glibc

/// Installs a file atomically, the one way both writers do: a temporary file in
/// `stagingDirectory` (on the target's file system), mode 0644, fsync, `rename(2)` into place,
/// fsync of the target's directory. Readers and a crash see the old file or the new one, never
/// part of one, and no temporary file is left behind (a killed run's is removed by
/// `removeLeftoverTemporaryFiles`).
struct AtomicInstall {
  let path: String
  /// Where the temporary file is written: the target's directory, or another one on the same
  /// file system.
  let stagingDirectory: String

  /// Temporary files are named `.NAME.tmp.PID`, so a leftover from a killed run is recognised.
  var temporaryPrefix: String { ".\(FileSystem.baseName(of: path)).tmp." }

  /// Writes `contents`; `check` sees the complete temporary file before the rename, and what it
  /// throws stops the install.
  func install(_ contents: [UInt8], check: (String) throws -> Void = { _ in }) throws {
    let temporary = "\(stagingDirectory)/\(temporaryPrefix)\(getpid())"
    unlink(temporary)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw SystemCallError("create the temporary file", path: temporary) }
    var renamed = false
    defer { if !renamed { unlink(temporary) } }
    do {
      defer { close(fd) }
      try FileSystem.writeAll(fd, contents, path: temporary)
      // The mode must not depend on the caller's umask: Falco may run as another user.
      guard fchmod(fd, 0o644) == 0 else { throw SystemCallError("chmod", path: temporary) }
      guard fsync(fd) == 0 else { throw SystemCallError("sync", path: temporary) }
    }
    try check(temporary)
    guard rename(temporary, path) == 0 else {
      throw SystemCallError("rename the temporary file into", path: path)
    }
    renamed = true
    try FileSystem.syncDirectory(FileSystem.parent(of: path))
  }

  /// Removes temporary files a killed run left. Returns their paths. Call it only while holding
  /// the cycle lock, when no other run can be writing one.
  func removeLeftoverTemporaryFiles() -> [String] {
    let leftovers = FileSystem.directoryEntries(stagingDirectory)
      .filter { $0.hasPrefix(temporaryPrefix) }
      .map { "\(stagingDirectory)/\($0)" }
    for leftover in leftovers { unlink(leftover) }
    return leftovers
  }
}
