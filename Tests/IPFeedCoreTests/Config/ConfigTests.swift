import IPFeedCore
import Testing

/// The config model; the suites for its parts extend this one, so that `--filter Config` runs
/// them all.
@Suite enum ConfigTests {
  @Test static func defaultsMatchTheDesign() throws {
    let config = Config.defaults
    #expect(config.interval == .seconds(6 * 3_600))
    #expect(config.jitter == .seconds(600))
    #expect(config.stateDirectory == "/var/lib/falco-ipfeed")
    #expect(
      config.sources == [
        SourceConfig(
          name: "ipsum",
          url: "https://raw.githubusercontent.com/stamparm/ipsum/master/ipsum.txt",
          format: .ipsum, threshold: 6)
      ])
    #expect(config.exclude == [try AddressPrefix(parsing: "192.0.2.0/24")])
    #expect(config.output.path == "/etc/falco/rules.d/falco-ipfeed.yaml")
    #expect(config.output.listName == "malicious_ip_list")
    #expect(config.output.rule)
    #expect(
      config.output.ruleFields
        == "command=%proc.cmdline connection=%fd.name user=%user.name container_id=%container.id"
    )
    #expect(config.falco == FalcoConfig())
    #expect(config.falco.reload == .auto)
    #expect(config.falco.unit == "falco.service")
    #expect(config.falco.pidFile == "")
    #expect(config.falco.config == "/etc/falco/falco.yaml")
    #expect(config.falco.binary == "falco")
    #expect(config.falco.validate == .auto)
    #expect(config.safety.maxRemovedPercent == 50)
    #expect(config.safety.minEntries == 1)
    #expect(config.historyDays == 180)
    #expect(config.http.timeout == .seconds(60))
    #expect(config.http.maxBytes == 64 * 1_024 * 1_024)
    #expect(config.http.caFile == "")
    #expect(Config.defaultPath == "/etc/falco-ipfeed/falco-ipfeed.yaml")
    #expect(Config.defaults == Config())
  }

  @Test(arguments: [(FeedFormat.ipsum, 6), (.plain, 1)])
  static func sourceThresholdDefaultsByFormat(format: FeedFormat, threshold: Int) {
    #expect(format.defaultThreshold == threshold)
    #expect(SourceConfig(name: "x", url: "https://x", format: format).threshold == threshold)
    #expect(SourceConfig(name: "x", url: "https://x", format: format, threshold: 3).threshold == 3)
  }

  @Test static func feedFormatRawValuesAreTheConfigWords() {
    #expect(FeedFormat.allCases.map(\.rawValue) == ["ipsum", "plain"])
    #expect(ReloadMode.allCases.map(\.rawValue) == ["auto", "sighup", "restart", "none"])
    #expect(ValidateMode.allCases.map(\.rawValue) == ["auto", "always", "never"])
  }
}
