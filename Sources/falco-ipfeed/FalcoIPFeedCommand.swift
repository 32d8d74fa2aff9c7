import ArgumentParser
import IPFeedCore

struct FalcoIPFeedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "falco-ipfeed",
    abstract: "Keeps Falco's list of malicious IP addresses current from threat feeds.",
    // Also the DESCRIPTION of the man page falco-ipfeed(8), which is generated from this help.
    discussion: """
      Polls threat-intelligence feeds (IPsum first), keeps the addresses that enough \
      blacklists name, and writes one Falco rules file, atomically and only when the list \
      changed; then makes Falco load it. The daemon runs as the systemd service \
      falco-ipfeed.service (falco-ipfeed run) and logs to the journal (journalctl -u \
      falco-ipfeed). Files: /etc/falco-ipfeed/falco-ipfeed.yaml, the config (check it with falco-ipfeed \
      check-config); /var/lib/falco-ipfeed/, the state journal (history, lookup, status read \
      it); /etc/falco/rules.d/falco-ipfeed.yaml, the rules file it writes.
      """,
    version: FalcoIPFeedVersion.string,
    subcommands: [
      RunCommand.self, OnceCommand.self, CheckConfigCommand.self, RenderCommand.self,
      StatusCommand.self, HistoryCommand.self, LookupCommand.self, FalcoConfigCommand.self,
    ]
  )
}
