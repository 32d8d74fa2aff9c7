import IPFeedCore
import Synchronization

/// A fetcher that answers from a table of URLs, recording each request.
final class ScriptedFetcher: FeedFetcher {
  enum Answer: Sendable {
    case body(String, etag: String?)
    case notModified
    case failure(String)
  }

  private let state = Mutex<(answers: [FeedURL: Answer], requests: [FetchRequest])>(([:], []))

  func answer(_ url: FeedURL, with answer: Answer) {
    state.withLock { $0.answers[url] = answer }
  }

  var requests: [FetchRequest] { state.withLock { $0.requests } }

  func fetch(_ request: FetchRequest) throws(FetchError) -> FetchResult {
    let answer = state.withLock { state in
      state.requests.append(request)
      return state.answers[request.url]
    }
    switch answer {
    case .body(let text, let etag):
      return .body(
        Array(text.utf8), validators: HTTPValidators(etag: etag),
        stats: TransferStats(
          httpStatus: 200, wireBytes: text.utf8.count, bodyBytes: text.utf8.count))
    case .notModified:
      return .notModified(TransferStats(httpStatus: 304))
    case .failure(let cause):
      throw FetchError(source: request.source, url: request.url, cause: cause)
    case nil:
      throw FetchError(source: request.source, url: request.url, cause: "no answer scripted")
    }
  }
}

/// A state store in memory.
final class MemoryStateStore: StateStore {
  var state = AppliedState()
  var commits: [CycleCommit] = []
  /// The cycles that applied nothing: their checks and how they ended.
  var recorded: [(checks: [SourceCheck], ending: CycleEnding)] = []
  /// How often the whole applied state, list included, was loaded.
  var loads = 0

  func load() throws -> AppliedState {
    loads += 1
    return state
  }

  func loadSummary() throws -> AppliedSummary {
    AppliedSummary(sources: state.sources, total: state.list.count, config: state.config)
  }

  func commit(_ commit: CycleCommit) throws -> Int64? {
    commits.append(commit)
    state.list = commit.list
    state.config = commit.config
    state.sources.merge(commit.updatedSources) { $1 }
    return commit.isChange ? Int64(commits.count) : nil
  }

  func recordChecks(_ checks: [SourceCheck], ending: CycleEnding) throws {
    recorded.append((checks, ending))
  }

  /// Since when each address is listed; set by the tests.
  var since: [IPAddress: Int64] = [:]

  func listedSince() throws -> [IPAddress: Int64] { since }

  func nextChangeID() throws -> Int64 { Int64(commits.count + 1) }
}

/// A data file in memory, counting installs. Used from one thread at a time.
final class MemoryDataFile: DataFileWriter, @unchecked Sendable {
  var contents: [UInt8]?
  var installs = 0

  func currentContents() throws -> [UInt8]? { contents }

  func install(_ contents: [UInt8]) throws {
    self.contents = contents
    installs += 1
  }
}

/// A rules file in memory, counting installs; fails to install when told to. Used from one
/// thread at a time.
final class MemoryRulesFile: RulesFileWriter, @unchecked Sendable {
  struct Failure: Error, CustomStringConvertible { var description: String { "disk full" } }
  var contents: [UInt8]?
  var installs = 0
  var reads = 0
  var fails = false

  func currentContents() throws -> [UInt8]? {
    reads += 1
    return contents
  }

  func install(_ contents: [UInt8]) throws {
    if fails { throw Failure() }
    self.contents = contents
    installs += 1
  }
}

/// Counts reloads; fails when told to. Used from one thread at a time.
final class CountingReloader: FalcoReloader, @unchecked Sendable {
  struct Failure: Error, CustomStringConvertible { var description: String { "Falco is gone" } }
  var reloads = 0
  var fails = false

  func reload() throws {
    reloads += 1
    if fails { throw Failure() }
  }
}
