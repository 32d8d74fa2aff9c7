import IPFeedSystem
import Testing

/// The FIPS 180-4 example vectors, through OpenSSL.
@Suite struct SHA256DigestTests {
  @Test func abc() {
    #expect(
      SHA256Digest.hex(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test func empty() {
    #expect(
      SHA256Digest.hex([])
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test func twoBlocks() {
    let text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(
      SHA256Digest.hex(Array(text.utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }
}
