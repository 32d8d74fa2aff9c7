import ArgumentParser
import IPFeedCore
import IPFeedSystem

struct LookupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lookup",
    abstract: "Say whether an address is listed, with its score, source and history.",
    discussion: """
      The address is read in any IPv4 or IPv6 form and shown canonically (::ffff:1.2.3.4 is \
      1.2.3.4). Exit status: 0 listed; 1 not listed; 64 not an address; 74 the state journal cannot be \
      read (no answer); 78 invalid config.
      """
  )

  @OptionGroup var configOptions: ConfigOptions

  @Flag(help: "Print JSON for scripts (field names in README.md).")
  var json = false

  @Argument(help: "The IPv4 or IPv6 address.")
  var address: String

  /// The argument as an address: surrounding blanks and [brackets] are allowed.
  var parsedAddress: IPAddress? {
    var text = Substring(address.trimmingWhitespace)
    if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
    return IPAddress(String(text))
  }

  func validate() throws {
    guard parsedAddress != nil else {
      throw ValidationError(
        "\"\(address)\" is not an IP address: give one IPv4 address (203.0.113.7) or IPv6"
          + " address (2001:db8::7), without a prefix length.")
    }
  }

  func run() throws {
    let config = try configOptions.load()
    let report: LookupReport
    do {
      report = try LookupReport.read(query: address, address: parsedAddress!, config: config)
    } catch {
      printError("\(error)")
      throw ExitCode(ExitStatus.stateUnreadable)
    }
    print(json ? report.json.text : report.text, terminator: "")
    if !report.isListed { throw ExitCode(ExitStatus.failed) }
  }
}
