import Glibc
import IPFeedCore

/// The cycle's pure stages in one process, on one feed: parse, merge under the policy, diff
/// against the list of a changed feed, render, and plugin mode's data file (encode, decode,
/// lookup). Prints one table row per stage.
struct StageBenchmark {
  var feedPath: String
  var changedPath: String?
  var runs: Int

  func run() throws(BenchFile.Failure) {
    let body = try BenchFile.read(feedPath)
    let megabytes = Double(body.count) / 1_000_000
    let (parseTime, parsed) = Stopwatch.measure(runs: runs) {
      try? FeedParser.parse(body, source: "ipsum", format: .ipsum)
    }
    guard let feed = parsed else {
      throw BenchFile.Failure(description: "\(feedPath) is not an accepted IPsum feed")
    }
    let policy = ListPolicy(exclusions: [try! AddressPrefix(parsing: "192.0.2.0/24")])
    let (policyTime, outcome) = Stopwatch.measure(runs: runs) {
      policy.apply([ListPolicy.Input(feed: feed, threshold: 1)])
    }
    let list = outcome.list
    let renderer = FalcoRulesRenderer(
      sources: [.init(name: "ipsum", location: feedPath, format: .ipsum, threshold: 1)])
    let (renderTime, rendered) = Stopwatch.measure(runs: runs) { renderer.render(list) }

    print("entries \(feed.entries.count), listed \(list.count), body \(body.count) bytes")
    print(row("stage", "median ms (min–max)", "throughput"))
    print(
      row(
        "parse", parseTime.summary(decimals: 2),
        "\(Measurement.format(megabytes / (parseTime.median / 1_000), 0)) MB/s"))
    print(
      row(
        "merge (threshold 1)", policyTime.summary(decimals: 2),
        "\(Measurement.format(Double(list.count) / policyTime.median / 1_000, 1)) M addresses/s"))
    if let changedPath {
      let changedBody = try BenchFile.read(changedPath)
      guard let changedFeed = try? FeedParser.parse(changedBody, source: "ipsum", format: .ipsum)
      else {
        throw BenchFile.Failure(description: "\(changedPath) is not an accepted IPsum feed")
      }
      let changedList = policy.apply([ListPolicy.Input(feed: changedFeed, threshold: 1)]).list
      let (diffTime, diff) = Stopwatch.measure(runs: runs) {
        ListDiff(from: list, to: changedList)
      }
      print(
        row(
          "diff (+\(diff.added.count) −\(diff.removed.count))", diffTime.summary(decimals: 2),
          "\(Measurement.format(Double(list.count) / diffTime.median / 1_000, 1)) M addresses/s"))
    }
    print(
      row(
        "render (\(rendered.count) bytes)", renderTime.summary(decimals: 2),
        "\(Measurement.format(Double(rendered.count) / 1_000 / renderTime.median, 0)) MB/s"))
    // Plugin mode's data file: what the daemon writes and the plugin loads and looks up.
    let (encodeTime, encoded) = Stopwatch.measure(runs: runs) {
      PluginDataFile(generation: 1, list: list, listedSince: { _ in 1_787_000_000 }).encoded()
    }
    print(
      row(
        "data file: encode (\(encoded.count) bytes)", encodeTime.summary(decimals: 2),
        "\(Measurement.format(Double(encoded.count) / 1_000 / encodeTime.median, 0)) MB/s"))
    let (decodeTime, decoded) = Stopwatch.measure(runs: runs) {
      try? PluginDataFile(decoding: encoded)
    }
    print(
      row(
        "data file: decode", decodeTime.summary(decimals: 2),
        "\(Measurement.format(Double(encoded.count) / 1_000 / decodeTime.median, 0)) MB/s"))
    if let decoded {
      let probes = list.entries.indices.filter { $0 % 7 == 0 }.map { list.entries[$0].address }
      let (lookupTime, found) = Stopwatch.measure(runs: runs) {
        probes.reduce(0) { $0 + (decoded.lookup($1) == nil ? 0 : 1) }
      }
      print(
        row(
          "data file: lookup (\(found) listed)", lookupTime.summary(decimals: 2),
          "\(Measurement.format(lookupTime.median * 1_000_000 / Double(probes.count), 0)) ns each"))
    }
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    print("peak RSS of the benchmark process: \(usage.ru_maxrss / 1024) MiB")
  }

  private func row(_ stage: String, _ time: String, _ rate: String) -> String {
    stage.padding(36) + time.padding(28) + rate
  }
}

extension String {
  /// Left-aligned in a column of `width` characters.
  func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
