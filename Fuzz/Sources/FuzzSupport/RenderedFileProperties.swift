import IPFeedCore
import Yams

/// What every rules file that falco-ipfeed writes must be, read the way Falco reads it (as
/// YAML): a list named as configured that holds exactly the list's addresses, each in its
/// canonical text, and (with `rule: true`) the macro and the rule, nothing else.
public enum RenderedFileProperties {
  public static func check(_ file: [UInt8], renderer: FalcoRulesRenderer, list: AddressList) {
    let text = String(decoding: file, as: UTF8.self)
    fuzzRequire(text.utf8.elementsEqual(file), "the rules file is not valid UTF-8")
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch {
      fuzzRequire(false, "the rules file is not YAML: \(error)\n\(text)")
      return
    }
    guard let items = root?.sequence else {
      fuzzRequire(false, "the rules file is not a YAML sequence:\n\(text)")
      return
    }
    fuzzRequire(
      items.count == (renderer.includeRule ? 3 : 1), "\(items.count) top-level items:\n\(text)")
    checkList(items[0], renderer: renderer, list: list)
    if renderer.includeRule, items.count == 3 {
      checkMacroAndRule(macro: items[1], rule: items[2], renderer: renderer)
    }
    let readBack = FalcoRulesFileReader.addresses(in: file, listName: renderer.listName)
    fuzzRequire(
      readBack == list.addresses, "the file reader reads back \(String(describing: readBack))")
  }

  private static func checkList(_ item: Node, renderer: FalcoRulesRenderer, list: AddressList) {
    guard let mapping = item.mapping else {
      fuzzRequire(false, "the first item is not a mapping")
      return
    }
    fuzzRequire(keys(of: mapping) == ["list", "items"], "list keys \(keys(of: mapping))")
    fuzzRequire(mapping["list"]?.string == renderer.listName, "the list has another name")
    guard let entries = mapping["items"]?.sequence else {
      fuzzRequire(false, "the list's items are not a sequence")
      return
    }
    var addresses: [IPAddress] = []
    for entry in entries {
      guard let text = entry.scalar?.string, let address = IPAddress(text) else {
        fuzzRequire(false, "a list item is not an address: \(entry)")
        return
      }
      fuzzRequire(address.description == text, "list item \(text) is not canonical")
      addresses.append(address)
    }
    fuzzRequire(addresses == list.addresses, "the list holds other addresses than rendered")
  }

  private static func checkMacroAndRule(macro: Node, rule: Node, renderer: FalcoRulesRenderer) {
    guard let macro = macro.mapping, let rule = rule.mapping else {
      fuzzRequire(false, "the macro or the rule is not a mapping")
      return
    }
    fuzzRequire(keys(of: macro) == ["macro", "condition"], "macro keys \(keys(of: macro))")
    fuzzRequire(macro["macro"]?.string == renderer.macroName, "the macro has another name")
    fuzzRequire(
      keys(of: rule) == ["rule", "desc", "condition", "output", "priority", "tags"],
      "rule keys \(keys(of: rule))")
    fuzzRequire(rule["rule"]?.string == renderer.ruleName, "the rule has another name")
    let listName = renderer.listName
    fuzzRequire(
      rule["condition"]?.string
        == "\(renderer.macroName) and (fd.sip in (\(listName)) or fd.cip in (\(listName)))",
      "the rule's condition is \(String(describing: rule["condition"]?.string))")
    // The output is one line: what the config gave, with control characters as spaces.
    let output = rule["output"]?.string ?? ""
    fuzzRequire(
      !output.unicodeScalars.contains { $0.properties.generalCategory == .control },
      "the rule's output has a control character: \(output.debugDescription)")
    fuzzRequire(
      output.hasPrefix("Connection with an address on the malicious IP list \(listName) ("),
      "the rule's output is \(output.debugDescription)")
    fuzzRequire(rule["priority"]?.string == "WARNING", "the rule's priority changed")
  }

  private static func keys(of mapping: Node.Mapping) -> [String] {
    mapping.keys.map { $0.string ?? "?" }
  }
}
