import Glibc

// falco-ipfeed-bench: the parts of `make bench` that run inside one process.
//   generate COUNT PATH [CHANGED_PERCENT]   a synthetic IPsum feed (10% IPv6)
//   change FEED PATH PERCENT                FEED with PERCENT% of its addresses replaced
//   stages FEED [CHANGED_FEED] [RUNS]       parse, merge, diff, render in process
//   compare RUNS NAME COMMAND [NAME COMMAND]…   whole processes, interleaved
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
  usage: falco-ipfeed-bench generate COUNT PATH [CHANGED_PERCENT]
         falco-ipfeed-bench change FEED PATH PERCENT
         falco-ipfeed-bench stages FEED [CHANGED_FEED] [RUNS]
         falco-ipfeed-bench compare RUNS NAME COMMAND [NAME COMMAND]...
  """

func fail(_ message: String) -> Never {
  printError("falco-ipfeed-bench: \(message)")
  exit(2)
}

switch arguments.first {
case "generate":
  guard arguments.count >= 3, let count = Int(arguments[1]) else { fail(usage) }
  let changed = arguments.count > 3 ? Int(arguments[3]) ?? 0 : 0
  let feed = FeedGenerator(count: count, changedPercent: changed).text()
  do {
    try BenchFile.write(feed, to: arguments[2])
  } catch {
    fail("\(error)")
  }
case "change":
  guard arguments.count == 4, let percent = Int(arguments[3]) else { fail(usage) }
  do {
    let changed = FeedChanger(percent: percent).change(try BenchFile.read(arguments[1]))
    try BenchFile.write(changed, to: arguments[2])
  } catch {
    fail("\(error)")
  }
case "stages":
  guard arguments.count >= 2 else { fail(usage) }
  let runs = arguments.count > 3 ? Int(arguments[3]) ?? 9 : 9
  do {
    try StageBenchmark(
      feedPath: arguments[1], changedPath: arguments.count > 2 ? arguments[2] : nil, runs: runs
    ).run()
  } catch {
    fail("\(error)")
  }
case "compare":
  guard arguments.count >= 4, let runs = Int(arguments[1]), arguments.count % 2 == 0 else {
    fail(usage)
  }
  var commands: [ProcessComparison.Command] = []
  var index = 2
  while index + 1 < arguments.count {
    commands.append(.init(name: arguments[index], shell: arguments[index + 1]))
    index += 2
  }
  ProcessComparison(commands: commands, runs: runs).run()
default:
  fail(usage)
}
