import ArgumentParser
import IPFeedCore
import IPFeedSystem

struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Turn feed files into the Falco rules file, printed to standard output.",
    discussion: """
      Reads no config and no state and uses no network. The always-excluded special ranges \
      are left out. Exit status: 0; 1 when a feed is rejected.
      """
  )

  @Option(help: "The feed format: ipsum (ADDRESS COUNT) or plain (one address per line).")
  var format: FeedFormat = .ipsum

  @Option(
    help:
      "Keep addresses whose count is at least this (ipsum; default \(FeedFormat.ipsum.defaultThreshold))."
  )
  var threshold: Int?

  @Option(help: "The name of the Falco list.")
  var listName = FalcoListName.standard

  @Argument(help: "Feed files; - reads standard input.")
  var files: [String]

  func validate() throws {
    if let threshold, let problem = format.thresholdProblem(threshold) {
      throw ValidationError(
        "--threshold \(threshold) with --format \(format.rawValue): \(problem).")
    }
    guard FalcoListName.isValid(listName) else {
      throw ValidationError(
        "--list-name \"\(listName)\" is not a Falco list name: \(FalcoListName.rule).")
    }
  }

  func run() throws {
    let threshold = self.threshold ?? format.defaultThreshold
    var inputs: [ListPolicy.Input] = []
    for file in files {
      let name = file == "-" ? "stdin" : file
      do {
        // Parsed as it is read, a piece at a time: the body is never in memory whole.
        let input = try FeedInput(path: file)
        var parser = FeedParser(source: name, format: format, expectedBytes: input.size)
        var piece: [UInt8] = []
        while case let count = try input.read(into: &piece), count > 0 {
          parser.consume(piece.span.extracting(0..<count))
        }
        inputs.append(ListPolicy.Input(feed: try parser.finish(), threshold: threshold))
      } catch {
        printError("\(error)")
        throw ExitCode(ExitStatus.failed)
      }
    }
    let renderer = FalcoRulesRenderer(
      listName: listName,
      sources: inputs.map {
        .init(name: $0.feed.source, location: $0.feed.source, format: format, threshold: threshold)
      })
    // The parsed feeds go once the list is made, and the file is written as it is rendered:
    // for a million addresses, neither the feeds' entries nor 25 MB of text stay in memory.
    let list = ListPolicy().apply(consume inputs).list
    try renderer.render(list) { (bytes: Span<UInt8>) throws(SystemCallError) in
      try StandardStreams.writeOutput(bytes)
    }
  }
}

extension FeedFormat: ExpressibleByArgument {}
