import ArgumentParser
import IPFeedCore

struct FalcoIPFeedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "falco-ipfeed",
    abstract: "Keeps Falco's list of malicious IP addresses current from threat feeds.",
    version: FalcoIPFeedVersion.string,
    subcommands: [
      RunCommand.self, OnceCommand.self, CheckConfigCommand.self, RenderCommand.self,
      StatusCommand.self, HistoryCommand.self, LookupCommand.self, FalcoConfigCommand.self,
    ]
  )
}
