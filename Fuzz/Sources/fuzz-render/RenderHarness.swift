import FuzzSupport
import IPFeedCore

/// Feed body, list name, rule fields and source URL from the input, rendered and read back as
/// YAML (see `RenderedFileProperties`). Input layout: a flags byte (bit 0: with the rule, bit 1:
/// plain instead of ipsum, bits 2–4: the threshold), then fields separated by 0xFF bytes:
/// list name, rule fields, source name and location (as `render FILE` gives both), feed body. A list name Falco would refuse falls back to the
/// default, as the config loader refuses it.
enum RenderHarness {
  static func check(_ bytes: [UInt8]) {
    guard let flags = bytes.first else { return }
    let fields = bytes.dropFirst().split(
      separator: 0xFF, maxSplits: 3, omittingEmptySubsequences: false)
    func text(_ index: Int) -> String? {
      index < fields.count ? String(decoding: fields[index], as: UTF8.self) : nil
    }
    let format: FeedFormat = flags & 2 == 0 ? .ipsum : .plain
    let threshold = Int(flags >> 2 & 7)
    let body = fields.count > 3 ? Array(fields[3]) : []
    guard let feed = FeedProperties.check(body: body, format: format) else { return }

    var listName = text(0) ?? "malicious_ip_list"
    if !FalcoListName.isValid(listName) { listName = "malicious_ip_list" }
    let renderer = FalcoRulesRenderer(
      listName: listName, includeRule: flags & 1 == 1,
      ruleFields: text(1) ?? FalcoRulesRenderer.defaultRuleFields,
      sources: [
        // `render FILE` names a source after its file: any bytes but NUL and "/" can be in it.
        .init(
          name: text(2) ?? "fuzz", location: text(2) ?? "", format: format, threshold: threshold)
      ])
    let list = ListPolicy().apply([ListPolicy.Input(feed: feed, threshold: threshold)]).list
    let file = renderer.render(list)
    RenderedFileProperties.check(file, renderer: renderer, list: list)
    fuzzRequire(renderer.render(list) == file, "rendering the same list twice differs")
  }
}
