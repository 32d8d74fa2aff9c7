/// A source's last good body and the validators that came with it. Stored only together with
/// the list the body produced, so that a 304 always refers to a body whose list was applied.
public struct SourceState: Sendable, Hashable {
  public var validators: HTTPValidators
  public var body: [UInt8]

  public init(validators: HTTPValidators, body: [UInt8]) {
    self.validators = validators
    self.body = body
  }
}
