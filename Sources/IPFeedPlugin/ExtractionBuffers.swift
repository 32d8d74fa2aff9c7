internal import CFalcoPlugin
import Glibc
import IPFeedCore

/// The memory that extracted values point into. Falco reads it until the next `extract_fields`
/// call on the same state, so it belongs to the state, one slot per field, and the set whose
/// source names were handed out is kept until then.
final class ExtractionBuffers {
  private let numbers = UnsafeMutablePointer<UInt64>.allocate(capacity: PluginField.allCases.count)
  private let flag = UnsafeMutablePointer<ss_plugin_bool>.allocate(capacity: 1)
  private let strings = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(
    capacity: PluginField.allCases.count)
  private static let textCapacity = 64
  private let addressText = UnsafeMutablePointer<CChar>.allocate(capacity: textCapacity)
  private let sinceText = UnsafeMutablePointer<CChar>.allocate(capacity: textCapacity)
  private var setInUse: LoadedSet?

  deinit {
    numbers.deallocate()
    flag.deallocate()
    strings.deallocate()
    addressText.deallocate()
    sinceText.deallocate()
  }

  /// Fills `fields` for the event at `event`; SS_PLUGIN_SUCCESS even when nothing is extracted.
  func extract(
    event: UnsafeRawPointer, fields: UnsafeMutablePointer<ss_plugin_extract_field>, count: Int,
    set: LoadedSet
  ) -> ss_plugin_rc {
    setInUse = set
    for index in 0..<count { fields[index].res_len = 0 }
    // The header's own length bounds what is read; the framework hands over whole events.
    let length = Int(event.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
    let bytes = UnsafeBufferPointer(
      start: event.assumingMemoryBound(to: UInt8.self), count: max(length, 26))
    guard let connection = ConnectionEvent(decoding: bytes.span) else { return SS_PLUGIN_SUCCESS }
    let entry = set.file.lookup(connection.remote) ?? set.file.lookup(connection.local)

    for index in 0..<count {
      guard let field = PluginField(rawValue: fields[index].field_id) else { continue }
      let slot = Int(field.rawValue)
      switch field {
      case .listed:
        flag.pointee = entry == nil ? 0 : 1
        fields[index].res.boolean = flag
      case .generation:
        numbers[slot] = set.file.generation
        fields[index].res.u64 = numbers + slot
      case .score:
        guard let entry else { continue }
        numbers[slot] = UInt64(entry.score)
        fields[index].res.u64 = numbers + slot
      case .address:
        guard let entry else { continue }
        var text: [UInt8] = []
        entry.address.appendText(to: &text)
        copy(text, into: addressText)
        strings[slot] = UnsafePointer(addressText)
        fields[index].res.str = UnsafeMutablePointer(mutating: strings + slot)
      case .source:
        guard let entry, let name = set.sourceName(entry.source) else { continue }
        strings[slot] = name
        fields[index].res.str = UnsafeMutablePointer(mutating: strings + slot)
      case .since:
        guard let entry else { continue }
        copy(Array(UnixTime(seconds: entry.listedSince).iso8601.utf8), into: sinceText)
        strings[slot] = UnsafePointer(sinceText)
        fields[index].res.str = UnsafeMutablePointer(mutating: strings + slot)
      }
      fields[index].res_len = 1
    }
    return SS_PLUGIN_SUCCESS
  }

  private func copy(_ text: [UInt8], into buffer: UnsafeMutablePointer<CChar>) {
    let count = min(text.count, Self.textCapacity - 1)
    for index in 0..<count { buffer[index] = CChar(bitPattern: text[index]) }
    buffer[count] = 0
  }
}
