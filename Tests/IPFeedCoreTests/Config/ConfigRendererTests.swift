import Testing

@testable import IPFeedCore

extension ConfigTests {
  @Suite struct ConfigRendererTests {
    @Test func rendersTheDefaultsInTheOrderOfTheDesign() {
      let expected = """
        interval: 6h
        jitter: 10m
        state_directory: /var/lib/falco-ipfeed
        sources:
          - name: ipsum
            url: https://raw.githubusercontent.com/stamparm/ipsum/master/ipsum.txt
            format: ipsum
            threshold: 6
        exclude: [192.0.2.0/24]
        output:
          mode: rules
          data_path: /var/lib/falco-ipfeed/falco-ipfeed.bin
          tiers: []
          path: /etc/falco/rules.d/falco-ipfeed.yaml
          list_name: malicious_ip_list
          rule: true
          rule_fields: "command=%proc.cmdline connection=%fd.name user=%user.name container_id=%container.id"
        falco:
          reload: auto
          unit: falco.service
          pid_file: ""
          config: /etc/falco/falco.yaml
          binary: falco
          validate: auto
        safety:
          max_removed_percent: 50
          min_entries: 1
        history_days: 180
        http:
          timeout: 1m
          max_bytes: 64MiB
          ca_file: ""

        """
      #expect(Config.defaults.effectiveYAML() == expected)
      #expect(ConfigRenderer.yaml(.defaults) == expected)
    }

    @Test func rendersSeveralSourcesAndAnEmptyExclude() throws {
      var config = Config.defaults
      config.sources = [
        .ipsum, SourceConfig(name: "local", url: "file:///var/lib/feeds/x.txt", format: .plain),
      ]
      config.exclude = []
      let yaml = config.effectiveYAML()
      #expect(
        yaml.contains(
          """
          sources:
            - name: ipsum
              url: https://raw.githubusercontent.com/stamparm/ipsum/master/ipsum.txt
              format: ipsum
              threshold: 6
            - name: local
              url: file:///var/lib/feeds/x.txt
              format: plain
              threshold: 1
          exclude: []
          """))
    }

    @Test func quotesIPv6PrefixesInTheExcludeList() throws {
      var config = Config.defaults
      config.exclude = [
        try AddressPrefix(parsing: "198.51.100.0/24"), try AddressPrefix(parsing: "2001:db8::/32"),
      ]
      #expect(config.effectiveYAML().contains("exclude: [198.51.100.0/24, \"2001:db8::/32\"]\n"))
    }

    @Test(arguments: [
      ("falco.service", "falco.service"),
      ("/var/lib/falco-ipfeed", "/var/lib/falco-ipfeed"),
      ("https://example.com/a?b=c%20d", "https://example.com/a?b=c%20d"),
      ("", "\"\""),
      ("yes", "\"yes\""), ("No", "\"No\""), ("null", "\"null\""), ("true", "\"true\""),
      ("123", "\"123\""), ("1e3", "\"1e3\""), ("0x1F", "\"0x1F\""), (".inf", "\".inf\""),
      ("2026-08-22", "\"2026-08-22\""), ("-x", "\"-x\""), ("a b", "\"a b\""),
      ("a #b", "\"a #b\""), ("key:", "\"key:\""), ("a: b", "\"a: b\""), ("~", "\"~\""),
      ("*alias", "\"*alias\""), ("&anchor", "\"&anchor\""), ("!tag", "\"!tag\""),
      ("say \"hi\"", #""say \"hi\"""#), ("back\\slash", #""back\\slash""#),
      ("two\nlines", #""two\nlines""#), ("bell\u{7}", #""bell\x07""#),
      ("café", "\"café\""), ("a#b,c", "a#b,c"), ("a[0]", "\"a[0]\""),
    ])
    func quotesStringsOnlyWhenPlainWouldChangeThem(text: String, rendered: String) {
      #expect(ConfigRenderer.scalar(text) == rendered)
    }
  }
}
