import IPFeedCore
import Testing

@Suite struct FeedURLTests {
  @Test func partsOfAURLWithCredentials() throws {
    let url = try FeedURL(parsing: "HTTPS://user:to%40ken@feeds.example:8443/a/b.txt?key=k#frag")
    #expect(url.scheme == .https)
    #expect(url.text == "https://user:to%40ken@feeds.example:8443/a/b.txt?key=k#frag")
    #expect(url.userInfo == "user:to%40ken")
    #expect(url.host == "feeds.example")
    #expect(url.port == 8443)
    #expect(url.effectivePort == 8443)
    #expect(url.path == "/a/b.txt")
    #expect(url.query == "key=k")
    #expect(url.hasCredentials)
    #expect(url.redacted == "https://feeds.example:8443/a/b.txt")
    #expect("\(url)" == url.redacted)
  }

  @Test(arguments: [
    ("Http://feeds.example/x", FeedURL.Scheme.http, "http://feeds.example/x"),
    ("hTTpS://feeds.example", .https, "https://feeds.example"),
    ("FILE:///var/lib/x.txt", .file, "file:///var/lib/x.txt"),
  ])
  func theSchemeIsCaseInsensitive(written: String, scheme: FeedURL.Scheme, text: String) throws {
    let url = try FeedURL(parsing: written)
    #expect(url.scheme == scheme)
    #expect(url.text == text)
  }

  @Test func ipv6HostKeepsItsBrackets() throws {
    let url = try FeedURL(parsing: "http://[2001:db8::7]:8080/feed")
    #expect(url.host == "[2001:db8::7]")
    #expect(url.port == 8080)
    let plain = try FeedURL(parsing: "https://[2001:db8::7]/feed")
    #expect(plain.host == "[2001:db8::7]")
    #expect(plain.port == nil)
    #expect(plain.effectivePort == 443)
  }

  @Test func filePathsRoundTrip() throws {
    let url = FeedURL(filePath: "/var/lib/my feeds/liste ü.txt")
    #expect(url.text == "file:///var/lib/my%20feeds/liste%20%C3%BC.txt")
    #expect(url.filePath == "/var/lib/my feeds/liste ü.txt")
    #expect(try FeedURL(parsing: "/var/lib/x.txt") == FeedURL(filePath: "/var/lib/x.txt"))
    #expect(!url.hasCredentials)
  }

  @Test(arguments: [
    ("ftp://user:secret@x.example/a", "ftp://x.example/a", "the scheme \"ftp\" is not supported"),
    ("https://x.example:0/a", "https://x.example:0/a", "the port \"0\" is not a number"),
    ("https://x.example:http/a", "https://x.example:http/a", "the port \"http\""),
    ("https://:8080/a", "https://:8080/a", "names no host"),
    ("https://u:p@/a", "https:///a", "names no host"),
    ("file://host/x", "file://host/x", "three slashes"),
    ("https:x.example", "https:x.example", "write https:// and then the host"),
    ("x.example/feed", "x.example/feed", "not a URL"),
    ("https://x.example/a b", "https://x.example/a b", "write a space as %20"),
  ])
  func rejectsNamingTheProblemWithoutTheSecret(text: String, shown: String, problem: String) {
    #expect {
      try FeedURL(parsing: text)
    } throws: { error in
      guard let error = error as? TextValueError else { return false }
      #expect(error.text == shown)
      #expect(error.problem.contains(problem), "\(error.problem)")
      return true
    }
  }

  @Test(arguments: [
    ("https://a:b@host/x?y#z", "https://host/x"),
    ("https://host/path/file.txt", "https://host/path/file.txt"),
    ("file:///var/lib/feed.txt", "file:///var/lib/feed.txt"),
    ("https://host/a b\n", "https://host/a%20b%0A"),
    ("/relative/next?token=t", "/relative/next"),
    ("https://u@host?only-a-query", "https://host"),
  ])
  func redactingAnyText(text: String, shown: String) {
    #expect(FeedURL.redacting(text) == shown)
  }
}
