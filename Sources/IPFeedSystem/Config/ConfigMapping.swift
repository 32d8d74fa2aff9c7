import IPFeedCore
import Yams

/// A mapping of the config file (the top level, a section such as `output`, or one source),
/// checked against the keys it may hold: an unknown key is an error that lists the known ones
/// and suggests the one probably meant.
struct ConfigMapping {
  let file: String
  /// `""` for the top level, else like `output` or `sources[0]`.
  let path: String
  /// Where the mapping starts, when it is written at all.
  let line: Int?
  private let fields: [String: ConfigField]

  /// Reads `node` as a mapping with the keys `known`; an absent node or no value is an empty
  /// mapping. `elsewhere` maps keys that belong to another section to their key path there
  /// (`timeout` → `http.timeout`), for the hint in the error.
  init(
    _ node: Node?, path: String, file: String, known: [String], elsewhere: [String: String] = [:]
  ) throws(ConfigError) {
    self.file = file
    self.path = path
    self.line = node?.mark?.line
    self.fields = try Self.fields(
      of: node, path: path, file: file, known: known, elsewhere: elsewhere)
  }

  private static func fields(
    of node: Node?, path: String, file: String, known: [String], elsewhere: [String: String]
  ) throws(ConfigError) -> [String: ConfigField] {
    var fields: [String: ConfigField] = [:]
    guard let node else { return fields }
    let whole = ConfigField(file: file, keyPath: path, node: node)
    if whole.isNull { return fields }
    guard case .mapping(let mapping) = node else {
      let example = known.prefix(2).map { "\($0): …" }.joined(separator: ", ")
      throw whole.wrongKind(
        expected: "a mapping of keys",
        fix: path.isEmpty
          ? "write one key per line, like interval: 6h (see the shipped falco-ipfeed.yaml)"
          : "write its keys indented below \(path) (\(example))")
    }
    for (keyNode, value) in mapping {
      let keyField = ConfigField(file: file, keyPath: path, node: keyNode)
      guard let key = keyNode.scalar?.string, !keyField.isNull else {
        throw keyField.invalid(
          "a key must be a name", fix: "use one of the keys: \(known.joined(separator: ", "))")
      }
      let keyPath = join(path, key)
      guard known.contains(key) else {
        let here = path.isEmpty ? "the top-level keys are" : "the keys of \(path) are"
        let fix: String
        if let there = elsewhere[key] {
          fix = "\(key) belongs elsewhere: move it to \(there)"
        } else if let nearest = KeySuggestion.nearest(to: key, in: known) {
          fix = "did you mean \(nearest)? Rename the key to \(nearest)"
        } else {
          fix = "delete it, or use one of the keys named"
        }
        throw ConfigError(
          file: file, line: keyNode.mark?.line, keyPath: keyPath,
          problem: "unknown key \"\(key)\"; \(here) \(known.joined(separator: ", "))", fix: fix)
      }
      guard fields[key] == nil else {
        throw ConfigError(
          file: file, line: keyNode.mark?.line, keyPath: keyPath,
          problem: "\(key) appears more than once", fix: "keep one \(key) and delete the others")
      }
      fields[key] = ConfigField(file: file, keyPath: keyPath, node: value)
    }
    return fields
  }

  /// The value of `key`, when written.
  subscript(key: String) -> ConfigField? { fields[key] }

  /// The key path of `key` in this mapping, like `output.path` or `sources[0].url`.
  func keyPath(_ key: String) -> String { Self.join(path, key) }

  /// The section under `key`: empty when absent.
  func section(_ key: String, known: [String]) throws(ConfigError) -> ConfigMapping {
    try ConfigMapping(fields[key]?.node, path: keyPath(key), file: file, known: known)
  }

  /// An error for a required key that is absent.
  func missing(_ key: String, problem: String, fix: String) -> ConfigError {
    ConfigError(file: file, line: line, keyPath: keyPath(key), problem: problem, fix: fix)
  }

  private static func join(_ path: String, _ key: String) -> String {
    path.isEmpty ? key : "\(path).\(key)"
  }
}
