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
  public var temporaryPrefix: String { installer.temporaryPrefix }

  /// The largest data file read back: the format's own limit.
  public func currentContents() throws -> [UInt8]? {
    try FileSystem.readFile(path, limit: PluginDataFile.maximumFileSize)
  }

  public func install(_ contents: [UInt8]) throws {
    try FileSystem.createDirectories(directory)
    try installer.install(contents)
  }

  /// Removes temporary files a killed run left. Returns their paths. Call it only while holding
  /// the cycle lock, when no other run can be writing one.
  @discardableResult
  public func removeLeftoverTemporaryFiles() -> [String] {
    installer.removeLeftoverTemporaryFiles()
  }

  private var installer: AtomicInstall { AtomicInstall(path: path, stagingDirectory: directory) }
}
