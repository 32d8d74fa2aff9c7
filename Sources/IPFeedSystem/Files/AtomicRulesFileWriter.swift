import Glibc
import IPFeedCore

/// Installs the rules file atomically: a temporary file beside the watched directory (in its
/// parent, on the same file system, so that Falco's watcher never sees it), fsync, mode 0644,
/// `rename(2)` into place, fsync of the directory. Falco and a crash see the old file or the new
/// one, never part of one, and no temporary file is left behind.
public struct AtomicRulesFileWriter: RulesFileWriter {
  public let path: String
  /// Checks the complete temporary file before it is renamed into place; the
  /// `RulesFileRejection` it throws stops the install.
  public var validator: FalcoRulesValidator?

  public init(path: String, validator: FalcoRulesValidator? = nil) {
    self.path = path
    self.validator = validator
  }

  /// The directory Falco watches, holding the rules file.
  public var directory: String { FileSystem.parent(of: path) }
  /// The directory the temporary file is written in: the parent of the watched one.
  public var stagingDirectory: String { FileSystem.parent(of: directory) }
  /// Temporary files are named `.NAME.tmp.PID`, so a leftover from a killed run is recognised.
  public var temporaryPrefix: String { installer.temporaryPrefix }

  public func currentContents() throws -> [UInt8]? {
    try FileSystem.readFile(path)
  }

  public func install(_ contents: [UInt8]) throws {
    try FileSystem.createDirectories(directory)
    let device = try FileSystem.device(of: directory)
    guard try FileSystem.device(of: stagingDirectory) == device else {
      throw SystemCallError(
        "stage the rules file beside", path: "\(directory) (in \(stagingDirectory))",
        errno: EXDEV)
    }
    try installer.install(contents) { try validator?.validate($0) }
  }

  /// Removes temporary files a killed run left in the staging directory. Returns their paths.
  /// Call it only while holding the cycle lock, when no other run can be writing one.
  @discardableResult
  public func removeLeftoverTemporaryFiles() -> [String] {
    installer.removeLeftoverTemporaryFiles()
  }

  private var installer: AtomicInstall {
    AtomicInstall(path: path, stagingDirectory: stagingDirectory)
  }
}
