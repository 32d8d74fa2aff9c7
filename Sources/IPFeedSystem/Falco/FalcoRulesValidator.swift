import Foundation
import IPFeedCore
import Logging
import Synchronization

/// Checks a new rules file with Falco itself before it is installed:
/// `falco -c <falco.yaml> -V <file>` prints `<file>: Ok`, or `Invalid` with the errors, and
/// exits 0 or 1.
///
/// Two failures are kept apart. Falco ran and said no (any exit status but 0): the file is
/// rejected, always. `falco -V` could not run or finish (the binary vanished or is not
/// executable, it was killed by a signal or timed out): with `validate: always` the file is
/// rejected for that reason; with `auto` it is installed unchecked and a warning says why.
public struct FalcoRulesValidator: Sendable {
  /// The Falco binary, resolved to a path.
  public var binary: String
  public var falcoConfig: String
  public var timeout: Duration
  /// `falco.validate: always`: a file that could not be checked is not installed.
  public var required: Bool
  /// Where the warning about an unchecked file goes (with `required` false).
  public var logger: Logger?
  /// Plugin mode: the rules file needs the plugin, which Falco's config must load.
  public var plugin: FalcoPluginCheck?

  public init(
    binary: String, falcoConfig: String, timeout: Duration = .seconds(120),
    required: Bool = false, logger: Logger? = nil, plugin: FalcoPluginCheck? = nil
  ) {
    self.binary = binary
    self.falcoConfig = falcoConfig
    self.timeout = timeout
    self.required = required
    self.logger = logger
    self.plugin = plugin
  }

  /// The validator `config` asks for: nil with `validate: never`, or with `auto` when no Falco
  /// binary is found. `validate: always` without a binary gives a validator whose check cannot
  /// run, so that every update is held and says why.
  public static func forConfig(_ config: Config, logger: Logger? = nil) -> FalcoRulesValidator? {
    let plugin =
      config.output.mode == .plugin ? FalcoPluginCheck(falcoConfig: config.falco.config) : nil
    switch config.falco.validate {
    case .never:
      return nil
    case .auto:
      return resolve(config.falco.binary).map {
        FalcoRulesValidator(
          binary: $0, falcoConfig: config.falco.config, logger: logger, plugin: plugin)
      }
    case .always:
      return FalcoRulesValidator(
        binary: resolve(config.falco.binary) ?? config.falco.binary,
        falcoConfig: config.falco.config, required: true, logger: logger, plugin: plugin)
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

  /// Throws `RulesFileRejection` when the file must not be installed: Falco found it invalid,
  /// or (with `required`) `falco -V` could not check it.
  public func validate(_ file: String) throws(RulesFileRejection) {
    let outcome = run(file)
    switch outcome {
    case .passed:
      return
    case .rejected(let said):
      throw RulesFileRejection(.invalid, detail: said)
    case .couldNotCheck(let why):
      if required { throw RulesFileRejection(.checkFailed, detail: why) }
      logger?.warning(
        "falco -V could not check the new rules file; it is installed unchecked (falco.validate is auto; always would hold the update)",
        metadata: ["error": "\(why)"])
    }
  }

  private enum Outcome {
    case passed
    /// Falco ran and did not pass the file: what it said.
    case rejected(String)
    /// `falco -V` did not run to an exit status: why, and what to do.
    case couldNotCheck(String)
  }

  private func run(_ file: String) -> Outcome {
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
      return .couldNotCheck(
        "could not run \(binary): \(error.localizedDescription). Install Falco, or set"
          + " falco.binary to its path")
    }
    let timedOut = TimeoutFlag()
    let timer = DispatchSource.makeTimerSource(queue: .global())
    timer.schedule(deadline: .now() + .milliseconds(Int(clamping: timeout.wholeMilliseconds)))
    timer.setEventHandler {
      timedOut.fired.store(true, ordering: .releasing)
      process.terminate()
    }
    timer.resume()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    timer.cancel()
    if timedOut.fired.load(ordering: .acquiring) {
      return .couldNotCheck("\(binary) -V did not finish within \(timeout) and was stopped")
    }
    if process.terminationReason == .uncaughtSignal {
      return .couldNotCheck(
        "\(binary) -V was killed by signal \(process.terminationStatus) before it finished"
          + (text.isEmpty ? "" : "; it said: \(Self.summary(of: text))"))
    }
    guard process.terminationStatus == 0 else {
      var said = Self.summary(of: text)
      if let hint = plugin?.hint() { said += " (\(hint))" }
      return .rejected(said)
    }
    return .passed
  }

  /// Falco's output on one line, at most 2,000 characters.
  static func summary(of output: String) -> String {
    let lines = output.split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    let text = lines.joined(separator: " | ")
    return text.count > 2_000 ? String(text.prefix(2_000)) + "…" : text
  }
}

/// Set by the timeout timer, read by the thread waiting for `falco -V`.
private final class TimeoutFlag: Sendable {
  let fired = Atomic<Bool>(false)
}
