/// The two ends of a connection as a syscall event reports them: the connecting side (client)
/// and the listening side (server), for connect and accept alike.
public struct ConnectionTuple: Sendable, Hashable {
  public var client: IPAddress
  public var clientPort: UInt16
  public var server: IPAddress
  public var serverPort: UInt16

  public init(client: IPAddress, clientPort: UInt16, server: IPAddress, serverPort: UInt16) {
    self.client = client
    self.clientPort = clientPort
    self.server = server
    self.serverPort = serverPort
  }
}
