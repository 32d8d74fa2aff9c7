/// The known key that an unknown one most likely meant: the same letters in another spelling
/// (`listName`, `list-name` → `list_name`) or a small typo (`threshhold` → `threshold`).
enum KeySuggestion {
  static func nearest(to key: String, in known: [String]) -> String? {
    let folded = fold(key)
    if let same = known.first(where: { fold($0) == folded }) { return same }
    let limit = min(3, max(1, key.count / 4))
    var best: (key: String, distance: Int)?
    for candidate in known {
      let distance = editDistance(key.lowercased(), candidate)
      if distance <= limit, distance < best?.distance ?? .max {
        best = (candidate, distance)
      }
    }
    return best?.key
  }

  /// Lowercased, without `_` and `-`.
  private static func fold(_ key: String) -> String {
    String(key.lowercased().filter { $0 != "_" && $0 != "-" })
  }

  /// Levenshtein distance: insertions, deletions and substitutions of characters.
  static func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let lhs = Array(lhs)
    let rhs = Array(rhs)
    guard !lhs.isEmpty else { return rhs.count }
    guard !rhs.isEmpty else { return lhs.count }
    var previous = Array(0...rhs.count)
    var current = [Int](repeating: 0, count: rhs.count + 1)
    for (i, left) in lhs.enumerated() {
      current[0] = i + 1
      for (j, right) in rhs.enumerated() {
        let substitution = previous[j] + (left == right ? 0 : 1)
        current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
      }
      swap(&previous, &current)
    }
    return previous[rhs.count]
  }
}
