/// The guards that hold an update instead of applying it (`safety`).
public struct SafetyConfig: Sendable, Equatable {
  /// Hold an update that removes more than this percentage of the list (0...100).
  public var maxRemovedPercent: Int
  /// Hold an update that leaves fewer addresses than this (0 or more).
  public var minEntries: Int

  public init(maxRemovedPercent: Int = 50, minEntries: Int = 1) {
    self.maxRemovedPercent = maxRemovedPercent
    self.minEntries = minEntries
  }
}
