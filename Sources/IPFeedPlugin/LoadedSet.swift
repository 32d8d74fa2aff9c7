internal import CFalcoPlugin
import Glibc
import IPFeedCore

/// A data file as the plugin has loaded it: the decoded set, the C strings of its source names
/// (handed to Falco as extracted values) and where it came from. Immutable; replaced whole.
final class LoadedSet: @unchecked Sendable {
  let file: PluginDataFile
  /// When it was loaded, seconds since 1970; nil for the empty set of a missing file.
  let loadedAt: Int64?
  /// The data file it was read from; nil for the empty set.
  let identity: DataFileIdentity?
  private let sourceNames: [UnsafeMutablePointer<CChar>]

  init(file: PluginDataFile, loadedAt: Int64?, identity: DataFileIdentity?) {
    self.file = file
    self.loadedAt = loadedAt
    self.identity = identity
    self.sourceNames = file.sources.map { strdup($0)! }
  }

  static let empty = LoadedSet(file: .empty, loadedAt: nil, identity: nil)

  /// The C string of source `name`; its memory lives as long as this set.
  func sourceName(_ name: String) -> UnsafePointer<CChar>? {
    file.sources.firstIndex(of: name).map { UnsafePointer(sourceNames[$0]) }
  }

  deinit {
    for name in sourceNames { free(name) }
  }
}
