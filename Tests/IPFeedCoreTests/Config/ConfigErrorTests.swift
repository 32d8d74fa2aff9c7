import IPFeedCore
import Testing

extension ConfigTests {
  @Suite struct ConfigErrorTests {
    @Test func describesAValueOnOneLine() {
      let error = ConfigError(
        file: "/etc/falco-ipfeed/falco-ipfeed.yaml", keyPath: "sources[0].threshold",
        value: "0", problem: "a threshold must be at least 1",
        fix:
          "set sources[0].threshold to 1 or more (IPsum's count of blacklists naming an address)")
      #expect(
        error.description
          == "/etc/falco-ipfeed/falco-ipfeed.yaml: sources[0].threshold: \"0\" is not valid:"
          + " a threshold must be at least 1. Fix: set sources[0].threshold to 1 or more"
          + " (IPsum's count of blacklists naming an address).")
    }

    @Test func includesTheLineWhenKnown() {
      let error = ConfigError(
        file: "f.yaml", line: 12, keyPath: "http.timeout", value: "0s",
        problem: "the timeout must be at least 1s", fix: "set http.timeout to 1s or more.")
      #expect(
        error.description
          == "f.yaml:12: http.timeout: \"0s\" is not valid: the timeout must be at least 1s."
          + " Fix: set http.timeout to 1s or more.")
    }

    @Test func describesTheWholeFileWithoutKeyOrValue() {
      let error = ConfigError(
        file: "/etc/x.yaml", keyPath: "", problem: "the config file does not exist",
        fix: "create it (make install puts the default one there) or pass --config PATH")
      #expect(
        error.description
          == "/etc/x.yaml: the config file does not exist. Fix: create it (make install puts"
          + " the default one there) or pass --config PATH.")
    }

    @Test func quotesAnEmptyValue() {
      let error = ConfigError(
        file: "f", keyPath: "falco.unit", value: "", problem: "p", fix: "f")
      #expect(error.description == "f: falco.unit: \"\" is not valid: p. Fix: f.")
    }

    @Test func escapesTheValueToKeepOneLine() {
      let error = ConfigError(
        file: "f", line: 3, keyPath: "k", value: "a\"b\\c\nd\te\u{1}", problem: "p", fix: "x")
      #expect(error.description == #"f:3: k: "a\"b\\c\nd\te\x01" is not valid: p. Fix: x."#)
      #expect(!error.description.contains("\n"))
    }

    @Test func shortensALongValue() {
      let error = ConfigError(
        file: "f", keyPath: "k", value: String(repeating: "x", count: 500), problem: "p",
        fix: "x")
      #expect(error.description.count < 200)
      #expect(error.description.contains("x…\""))
    }
  }
}
