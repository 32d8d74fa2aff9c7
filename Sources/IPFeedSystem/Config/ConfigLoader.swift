import Foundation
import IPFeedCore
import Yams

/// Reads the config file strictly: unknown keys, values of the wrong type or out of range, and
/// YAML syntax errors are all `ConfigError`s that name the file, the line, the key, the value
/// and the fix. Absent keys take their defaults; an empty file is `Config.defaults`.
public enum ConfigLoader {
  /// Reads and checks the file at `path`.
  public static func load(path: String) throws(ConfigError) -> Config {
    try parse(yaml: read(path), file: path)
  }

  /// Checks `yaml`, the text of the config file `file` (named in errors).
  public static func parse(yaml: String, file: String) throws(ConfigError) -> Config {
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch {
      throw syntaxError(error, file: file)
    }
    return try ConfigReader(file: file).config(from: root)
  }

  /// The file's text.
  static func read(_ path: String) throws(ConfigError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ConfigError(
        file: path, keyPath: "", problem: "the config file does not exist",
        fix: "create it (make install puts the default one there) or pass --config PATH")
    }
    guard !isDirectory.boolValue else {
      throw ConfigError(
        file: path, keyPath: "", problem: "this is a directory, not a config file",
        fix: "pass the config file's path with --config PATH")
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ConfigError(
        file: path, keyPath: "", problem: "the config file cannot be read (\(reason(error)))",
        fix: "make it readable for the user that runs falco-ipfeed (chmod 0644 \(path)), or"
          + " pass --config PATH")
    }
    guard let text = String(bytes: data, encoding: .utf8) else {
      throw ConfigError(
        file: path, keyPath: "", problem: "the config file is not UTF-8 text",
        fix: "save it as UTF-8")
    }
    return text
  }

  /// The POSIX reason for a failed read when there is one, else Foundation's description.
  private static func reason(_ error: any Error) -> String {
    let error = error as NSError
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain,
      let code = POSIXErrorCode(rawValue: Int32(underlying.code))
    {
      return POSIXError(code).localizedDescription
    }
    return error.localizedDescription
  }

  /// A YAML error from Yams as a `ConfigError` with its line and column.
  static func syntaxError(_ error: any Error, file: String) -> ConfigError {
    let fixAt = { (mark: Mark) in
      "correct the YAML at line \(mark.line), column \(mark.column): check the indentation,"
        + " and quote values that begin with : or hold \": \" or \" #\" (\"::1\")"
    }
    func syntax(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> ConfigError {
      var problem = "not valid YAML: line \(mark.line), column \(mark.column): \(problem)"
      if let context {
        problem +=
          " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
      }
      return ConfigError(
        file: file, line: mark.line, keyPath: "", problem: problem, fix: fixAt(mark))
    }
    switch error as? YamlError {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      return syntax(problem, context, mark)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.sorted().joined(separator: ", ")
      return ConfigError(
        file: file, line: context.mark.line, keyPath: "",
        problem: "a key appears more than once in the same mapping: \(keys)",
        fix: "keep one \(keys) there and delete the others")
    case .reader(let problem, _, _, _):
      return ConfigError(
        file: file, keyPath: "", problem: "the file cannot be read as YAML text: \(problem)",
        fix: "save it as UTF-8 text without control characters")
    default:
      return ConfigError(
        file: file, keyPath: "", problem: "the file cannot be read as YAML: \(error)",
        fix: "compare it with the shipped falco-ipfeed.yaml")
    }
  }
}
