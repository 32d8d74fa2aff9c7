import IPFeedCore
import Yams

/// Reads what `reload: auto` needs from Falco's config file.
public enum FalcoConfigReader {
  public struct ReadError: Error, CustomStringConvertible {
    public var description: String
  }

  public static func facts(at path: String) throws(ReadError) -> FalcoConfigFacts {
    let bytes: [UInt8]?
    do {
      bytes = try FileSystem.readFile(path, limit: 16 << 20)
    } catch {
      throw ReadError(description: error.description)
    }
    guard let bytes else { throw ReadError(description: "no such file") }
    var facts = try facts(yaml: String(decoding: bytes, as: UTF8.self))
    // Falco merges the files of config_files (its packages: /etc/falco/config.d, where
    // falco.container_plugin.yaml loads the container plugin), appending their lists.
    for included in facts.includedConfigFiles.flatMap(configFiles(at:)) where included != path {
      guard let bytes = try? FileSystem.readFile(included, limit: 16 << 20),
        let more = try? Self.facts(yaml: String(decoding: bytes, as: UTF8.self))
      else { continue }
      if let load = more.loadPlugins { facts.loadPlugins = (facts.loadPlugins ?? []) + load }
      facts.plugins += more.plugins
    }
    return facts
  }

  /// A `config_files` entry: the file itself, or a directory's `*.yaml` and `*.yml` files in
  /// name order (as Falco reads them); nothing when it does not exist.
  private static func configFiles(at path: String) -> [String] {
    guard FileSystem.fileExists(path) else { return [] }
    let entries = FileSystem.directoryEntries(path)
    guard !entries.isEmpty else { return [path] }
    return entries.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
      .map { "\(path)/\($0)" }
  }

  public static func facts(yaml: String) throws(ReadError) -> FalcoConfigFacts {
    let node: Node?
    do {
      node = try Yams.compose(yaml: yaml)
    } catch {
      throw ReadError(description: "not valid YAML: \(error)")
    }
    guard let mapping = node?.mapping else { return FalcoConfigFacts() }
    var facts = FalcoConfigFacts()
    if let watch = mapping["watch_config_files"] {
      guard let value = watch.bool else {
        throw ReadError(description: "watch_config_files is not a boolean")
      }
      facts.watchConfigFiles = value
    }
    if let rules = mapping["rules_files"] ?? mapping["rules_file"] {
      if let list = rules.sequence {
        facts.rulesPaths = list.compactMap(\.string)
      } else if let single = rules.string {
        facts.rulesPaths = [single]
      }
    }
    for entry in mapping["config_files"]?.sequence ?? mapping["config_files"].map { [$0] } ?? [] {
      if let path = entry.string ?? entry.mapping?["path"]?.string {
        facts.includedConfigFiles.append(path)
      }
    }
    if let load = mapping["load_plugins"] {
      facts.loadPlugins = load.sequence?.compactMap(\.string) ?? load.string.map { [$0] } ?? []
    }
    for entry in mapping["plugins"]?.sequence ?? [] {
      guard let name = entry.mapping?["name"]?.string else { continue }
      facts.plugins.append(
        .init(name: name, libraryPath: entry.mapping?["library_path"]?.string))
    }
    return facts
  }
}
