import IPFeedCore
import Logging

/// Runs update cycles against the real file system and network: the shell's wiring of
/// `UpdateCycle` to its protocols.
public struct UpdateRunner {
  public var config: Config
  public var logger: Logger

  public init(config: Config, logger: Logger) {
    self.config = config
    self.logger = logger
  }

  public func runOnce(force: Bool = false) throws(CycleError) -> CycleReport {
    let writer = AtomicRulesFileWriter(path: config.output.path)
    for leftover in writer.removeLeftoverTemporaryFiles() {
      logger.warning(
        "removed a temporary file left by a killed run", metadata: ["path": "\(leftover)"])
    }
    let store = RulesFileStateStore(path: config.output.path, listName: config.output.listName)
    let fetcher = SchemeRoutingFetcher(
      file: FileFeedFetcher(maxBytes: config.http.maxBytes),
      http: FileFeedFetcher(maxBytes: 0))  // TODO(http): CurlFeedFetcher
    let report = try UpdateCycle(config: config, force: force)
      .run(fetcher: fetcher, store: store, writer: writer, reloader: FalcoWatchesItsFiles())
    log(report)
    return report
  }

  private func log(_ report: CycleReport) {
    for source in report.sources {
      if let failure = source.failure {
        logger.error(
          "source failed", metadata: ["source": "\(source.name)", "error": "\(failure)"])
      }
    }
    let exclusions = report.exclusions
    for (source, count) in exclusions.belowThreshold.sorted(by: { $0.key < $1.key }) where count > 0
    {
      logger.info(
        "entries below the source's threshold left out",
        metadata: ["source": "\(source)", "count": "\(count)"])
    }
    for range in SpecialAddressRanges.alwaysExcluded {
      guard let count = exclusions.specialRanges[range.prefix] else { continue }
      logger.info(
        "entries in an always-excluded special range left out",
        metadata: ["range": "\(range.prefix)", "purpose": "\(range.purpose)", "count": "\(count)"])
    }
    for (prefix, count) in exclusions.configured.sorted(by: {
      $0.key.description < $1.key.description
    }) {
      logger.info(
        "entries in a configured exclusion left out",
        metadata: ["prefix": "\(prefix)", "count": "\(count)"])
    }
  }
}
