/// How Falco learns the list (`output.mode`).
public enum OutputMode: String, Sendable, CaseIterable {
  /// The addresses are a Falco `list` in the rules file: every change makes Falco reload.
  case rules
  /// The addresses are in a data file that falco-ipfeed's Falco plugin reads and swaps in while
  /// Falco runs: the rules file changes only with the config, so a list change costs no reload.
  case plugin
}
