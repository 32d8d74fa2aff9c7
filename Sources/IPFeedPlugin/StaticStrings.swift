import Glibc
import IPFeedCore

/// C strings that the entry points return: made once, never freed (the framework may hold them
/// for the life of the process).
enum StaticStrings {
  nonisolated(unsafe) static let apiVersion = make(FalcoPluginInfo.requiredAPIVersion)
  nonisolated(unsafe) static let eventSchemaVersion = make(
    FalcoPluginInfo.requiredEventSchemaVersion)
  nonisolated(unsafe) static let name = make(FalcoPluginInfo.name)
  nonisolated(unsafe) static let version = make(FalcoPluginInfo.version)
  nonisolated(unsafe) static let description = make(FalcoPluginInfo.description)
  nonisolated(unsafe) static let contact = make(FalcoPluginInfo.contact)
  nonisolated(unsafe) static let initSchema = make(PluginInitConfig.schema)
  nonisolated(unsafe) static let fields = make(PluginField.fieldsJSON)
  nonisolated(unsafe) static let eventSources = make(FalcoPluginInfo.eventSources)
  nonisolated(unsafe) static let noError = make("")
  nonisolated(unsafe) static let eventTypes: UnsafeMutablePointer<UInt16> = {
    let types = ConnectionEvent.eventTypes
    let pointer = UnsafeMutablePointer<UInt16>.allocate(capacity: types.count)
    pointer.initialize(from: types, count: types.count)
    return pointer
  }()

  private static func make(_ text: String) -> UnsafePointer<CChar> {
    UnsafePointer(strdup(text)!)
  }
}
