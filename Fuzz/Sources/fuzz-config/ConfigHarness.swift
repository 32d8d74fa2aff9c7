import FuzzSupport
import IPFeedCore
import IPFeedSystem

/// The config loader against arbitrary text. A rejected config must come with a message that
/// names the file; an accepted one must print (`check-config`) as YAML that loads back to the
/// same config, and its rules file must be well-formed (see `RenderedFileProperties`).
enum ConfigHarness {
  static func check(_ bytes: [UInt8]) {
    let file = "/etc/falco-ipfeed/fuzz.yaml"
    let config: Config
    do {
      config = try ConfigLoader.parse(yaml: String(decoding: bytes, as: UTF8.self), file: file)
    } catch {
      fuzzRequire(
        error.description.contains(file), "the error does not name the file: \(error.description)")
      return
    }
    let printed = config.effectiveYAML()
    do {
      let again = try ConfigLoader.parse(yaml: printed, file: file)
      fuzzRequire(again == config, "the printed config loads as another config:\n\(printed)")
      fuzzRequire(again.effectiveYAML() == printed, "printing is not stable:\n\(printed)")
    } catch {
      fuzzRequire(false, "the printed config does not load: \(error)\n\(printed)")
    }
    let renderer = UpdateCycle(config: config).renderer
    let list = AddressList([
      ListedAddress(address: .v4(0xCB00_7107), score: 9, source: "fuzz"),
      ListedAddress(address: .v6(high: 0x2001_0db8_0000_0000, low: 1), score: 9, source: "fuzz"),
    ])
    RenderedFileProperties.check(renderer.render(list), renderer: renderer, list: list)
  }
}
