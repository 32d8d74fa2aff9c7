import Foundation
import IPFeedCore
import IPFeedSystem
import Logging
import Synchronization

/// A fetcher that answers from a script, recording the validators of each request: for the
/// conditional-GET cases that `file://` sources cannot show.
final class ScriptedFeedFetcher: FeedFetcher {
  typealias Answer = @Sendable (FetchRequest) throws(FetchError) -> FetchResult

  private let state = Mutex<(answer: Answer?, requests: [FetchRequest])>((nil, []))

  func answer(_ answer: @escaping Answer) {
    state.withLock { $0.answer = answer }
  }

  /// A body with an ETag, whatever was asked.
  func answerBody(_ text: String, etag: String) {
    answer { _ in Self.body(text, etag: etag) }
  }

  var requests: [FetchRequest] { state.withLock { $0.requests } }

  func fetch(_ request: FetchRequest) throws(FetchError) -> FetchResult {
    let answer = state.withLock { state in
      state.requests.append(request)
      return state.answer
    }
    guard let answer else {
      throw FetchError(source: request.source, url: request.url, cause: "no answer scripted")
    }
    return try answer(request)
  }

  static func body(_ text: String, etag: String) -> FetchResult {
    .body(
      Array(text.utf8), validators: HTTPValidators(etag: etag),
      stats: TransferStats(httpStatus: 200, wireBytes: text.utf8.count, bodyBytes: text.utf8.count))
  }
}

/// The atomic writer, made to fail on demand: a cycle that fails between download and commit.
final class FailingWriter: RulesFileWriter {
  let inner: AtomicRulesFileWriter
  let failing = Atomic<Bool>(false)

  init(path: String) {
    inner = AtomicRulesFileWriter(path: path)
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String { "no space left on device (injected)" }
  }

  func currentContents() throws -> [UInt8]? { try inner.currentContents() }

  func install(_ contents: [UInt8]) throws {
    if failing.load(ordering: .relaxed) { throw Failure() }
    try inner.install(contents)
  }
}

/// A wall clock the test moves.
final class TestClock: Sendable {
  private let seconds = Atomic<Int64>(1_787_400_000)  // 2026-08-22T...

  var now: UnixTime { UnixTime(seconds: seconds.load(ordering: .relaxed)) }

  func advance(days: Int64 = 0, seconds extra: Int64 = 0) {
    seconds.add(days * 86_400 + extra, ordering: .relaxed)
  }

  var function: @Sendable () -> UnixTime { { self.now } }
}

/// A temporary state directory, rules file and config for in-process runs of `UpdateRunner`.
struct StateFixture {
  let directory: TemporaryDirectory
  var config: Config
  let fetcher = ScriptedFeedFetcher()
  let clock = TestClock()

  static let url: FeedURL = "https://feed.test/ipsum.txt"

  init(threshold: Int = 1, historyDays: Int = 180) throws {
    directory = try TemporaryDirectory()
    config = Config.defaults
    config.stateDirectory = directory.file("state")
    config.sources = [SourceConfig(name: "ipsum", url: Self.url, threshold: threshold)]
    config.output.path = directory.file("falco/rules.d/falco-ipfeed.yaml")
    config.historyDays = historyDays
    config.exclude = []
  }

  func runner(writer: (any RulesFileWriter)? = nil) -> UpdateRunner {
    UpdateRunner(
      config: config, logger: Logger(label: "test"), fetcher: fetcher, writer: writer,
      lockWait: .seconds(5), now: clock.function)
  }

  var outputPath: String { config.output.path }

  /// The addresses in the rules file.
  func listed() throws -> [String] {
    let text = String(
      decoding: try Data(contentsOf: URL(fileURLWithPath: outputPath)), as: UTF8.self)
    return text.split(separator: "\n").filter { $0.hasPrefix("    - \"") }
      .map { String($0.dropFirst(7).dropLast()) }
  }
}

/// An IPsum-format feed.
func ipsumFeed(_ lines: [(String, Int)]) -> String {
  "# test feed\n" + lines.map { "\($0.0)\t\($0.1)\n" }.joined()
}

/// A large generated IPsum feed: `count` distinct public IPv4 addresses (none in a special
/// range) with scores 1–9; `variant` replaces about `churnPercent` of them.
func generatedFeed(count: Int, variant: Int = 0, churnPercent: Int = 5) -> [UInt8] {
  var out: [UInt8] = []
  out.reserveCapacity(count * 18)
  out.append(contentsOf: "# generated feed\n".utf8)
  for index in 0..<count {
    var key = UInt32(index)
    if variant > 0, index % 100 < churnPercent {
      key = UInt32(count + variant * count + index)
    }
    // 11.0.0.0 + a spread of the key: public space, never a special range for these counts.
    let value = 0x0B00_0000 &+ (key &* 2_654_435_761 % 0x1000_0000)
    let address = IPAddress.v4(value)
    address.appendText(to: &out)
    out.append(UInt8(ascii: "\t"))
    out.append(UInt8(ascii: "1") + UInt8(index % 9))
    out.append(UInt8(ascii: "\n"))
  }
  return out
}

/// One run of the executable with extra environment variables.
func runFalcoIPFeed(_ arguments: [String], environment extra: [String: String]) throws -> CommandRun
{
  let process = Process()
  process.executableURL = URL(fileURLWithPath: TestPaths.binary)
  process.arguments = arguments
  process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
  let output = try TemporaryDirectory()
  _ = FileManager.default.createFile(atPath: output.file("out"), contents: nil)
  _ = FileManager.default.createFile(atPath: output.file("err"), contents: nil)
  process.standardOutput = FileHandle(forWritingAtPath: output.file("out"))
  process.standardError = FileHandle(forWritingAtPath: output.file("err"))
  process.standardInput = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  let out = try output.read("out")
  return CommandRun(
    status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
    error: String(decoding: try output.read("err"), as: UTF8.self), outputBytes: out)
}

/// Parses `--json` output.
func jsonObject(_ text: String) throws -> [String: Any] {
  let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
  guard let object = value as? [String: Any] else { throw CocoaError(.coderInvalidValue) }
  return object
}
