import Foundation
import IPFeedCore

/// Checks a new rules file with Falco itself before it is installed:
/// `falco -c <falco.yaml> -V <file>` prints `<file>: Ok`, or `Invalid` with the errors, and
/// exits 0 or 1.
public struct FalcoRulesValidator: Sendable {
  /// The Falco binary, resolved to a path.
  public var binary: String
  public var falcoConfig: String
  public var timeout: Duration
  /// Plugin mode: the rules file needs the plugin, which Falco's config must load.
  public var plugin: FalcoPluginCheck?

  public init(
    binary: String, falcoConfig: String, timeout: Duration = .seconds(120),
    plugin: FalcoPluginCheck? = nil
  ) {
    self.binary = binary
    self.falcoConfig = falcoConfig
    self.timeout = timeout
    self.plugin = plugin
  }

  /// The validator `config` asks for: nil with `validate: never`, or with `auto` when no Falco
  /// binary is found. `validate: always` without a binary gives a validator that fails, so that
  /// every update is held and says why.
  public static func forConfig(_ config: Config) -> FalcoRulesValidator? {
    let plugin =
      config.output.mode == .plugin ? FalcoPluginCheck(falcoConfig: config.falco.config) : nil
    switch config.falco.validate {
    case .never:
      return nil
    case .auto:
      return resolve(config.falco.binary).map {
        FalcoRulesValidator(binary: $0, falcoConfig: config.falco.config, plugin: plugin)
      }
    case .always:
      return FalcoRulesValidator(
        binary: resolve(config.falco.binary) ?? config.falco.binary,
        falcoConfig: config.falco.config, plugin: plugin)
    }
  }

  /// `name` as an executable path: itself when it holds a `/`, else the first match in PATH.
  public static func resolve(_ name: String) -> String? {
    guard !name.isEmpty else { return nil }
    if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
  }

  /// Throws `RulesFileRejection` when Falco finds `file` invalid, `FalcoReloadError` when Falco
  /// could not be run at all.
  public func validate(_ file: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["-c", falcoConfig, "-V", file]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw RulesFileRejection(
        falcoOutput: "could not run \(binary) to validate the file: \(error.localizedDescription)."
          + " Install Falco, set falco.binary, or set falco.validate: never")
    }
    let timer = DispatchSource.makeTimerSource(queue: .global())
    timer.schedule(deadline: .now() + .milliseconds(Int(timeout.components.seconds * 1000)))
    timer.setEventHandler { process.terminate() }
    timer.resume()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    timer.cancel()
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      var said = Self.summary(of: text)
      if let hint = plugin?.hint() { said += " (\(hint))" }
      throw RulesFileRejection(
        falcoOutput: process.terminationReason == .uncaughtSignal
          ? "\(binary) -V did not finish within \(timeout)" : said)
    }
  }

  /// Falco's output on one line, without the temporary file's name, at most 2,000 characters.
  static func summary(of output: String) -> String {
    let lines = output.split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    let text = lines.joined(separator: " | ")
    return text.count > 2_000 ? String(text.prefix(2_000)) + "…" : text
  }
}
