extension TransferStats {
  /// What a transfer cost, as `once` and `status` show it: "HTTP 200, 637912 bytes on the
  /// wire, 1952079 bytes decompressed, 29 ms, sent ETag "v1"". A reply without a body (a 304)
  /// counts only its bytes on the wire.
  public var summary: String {
    var parts: [String] = []
    if let httpStatus { parts.append("HTTP \(httpStatus)") }
    if bodyBytes == 0 {
      parts.append("\(wireBytes) bytes on the wire")
    } else if wireBytes != bodyBytes {
      parts.append("\(wireBytes) bytes on the wire, \(bodyBytes) bytes decompressed")
    } else {
      parts.append("\(bodyBytes) bytes")
    }
    parts.append("\(elapsed.wholeMilliseconds) ms")
    if let etag = validatorsSent.etag { parts.append("sent ETag \(etag)") }
    if let date = validatorsSent.lastModified { parts.append("sent date \(date)") }
    return parts.joined(separator: ", ")
  }
}
