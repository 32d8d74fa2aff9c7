// The plugin API's entry points, exported with C names: the framework finds each `plugin_<name>`
// with dlsym. They convert between C and Swift and hand over to PluginInstance.
internal import CFalcoPlugin
import Glibc
import IPFeedCore

@_cdecl("plugin_get_required_api_version")
public func pluginGetRequiredAPIVersion() -> UnsafePointer<CChar> { StaticStrings.apiVersion }

@_cdecl("plugin_get_required_event_schema_version")
public func pluginGetRequiredEventSchemaVersion(_ state: UnsafeMutableRawPointer?)
  -> UnsafePointer<CChar>
{
  StaticStrings.eventSchemaVersion
}

@_cdecl("plugin_get_version")
public func pluginGetVersion() -> UnsafePointer<CChar> { StaticStrings.version }

@_cdecl("plugin_get_name")
public func pluginGetName() -> UnsafePointer<CChar> { StaticStrings.name }

@_cdecl("plugin_get_description")
public func pluginGetDescription() -> UnsafePointer<CChar> { StaticStrings.description }

@_cdecl("plugin_get_contact")
public func pluginGetContact() -> UnsafePointer<CChar> { StaticStrings.contact }

@_cdecl("plugin_get_init_schema")
public func pluginGetInitSchema(_ schemaType: UnsafeMutablePointer<Int32>?) -> UnsafePointer<CChar>
{
  schemaType?.pointee = SS_PLUGIN_SCHEMA_JSON
  return StaticStrings.initSchema
}

@_cdecl("plugin_init")
public func pluginInit(
  _ input: UnsafeRawPointer?, _ result: UnsafeMutablePointer<Int32>?
) -> UnsafeMutableRawPointer? {
  let input = input?.assumingMemoryBound(to: ss_plugin_init_input.self).pointee
  let text = input?.config.map { String(cString: $0) } ?? ""
  let config: PluginInitConfig
  var failure: String?
  do {
    config = try PluginInitConfig(parsing: text)
  } catch {
    config = PluginInitConfig()
    failure = error.description
  }
  let instance = PluginInstance(config: config, owner: input?.owner, log: input?.log_fn)
  if let failure {
    instance.setLastError(failure)
    result?.pointee = SS_PLUGIN_FAILURE
  } else {
    instance.loadAtStart()
    instance.startWatching()
    result?.pointee = SS_PLUGIN_SUCCESS
  }
  // On failure too the state is returned, so that the framework can read the error.
  return Unmanaged.passRetained(instance).toOpaque()
}

@_cdecl("plugin_destroy")
public func pluginDestroy(_ state: UnsafeMutableRawPointer?) {
  guard let state else { return }
  let instance = Unmanaged<PluginInstance>.fromOpaque(state)
  instance.takeUnretainedValue().stopWatching()
  instance.release()
}

@_cdecl("plugin_get_last_error")
public func pluginGetLastError(_ state: UnsafeMutableRawPointer?) -> UnsafePointer<CChar> {
  guard let state,
    let error = Unmanaged<PluginInstance>.fromOpaque(state).takeUnretainedValue()
      .lastEntryPointError
  else { return StaticStrings.noError }
  return UnsafePointer(error)
}

@_cdecl("plugin_get_fields")
public func pluginGetFields() -> UnsafePointer<CChar> { StaticStrings.fields }

@_cdecl("plugin_get_extract_event_sources")
public func pluginGetExtractEventSources() -> UnsafePointer<CChar> { StaticStrings.eventSources }

@_cdecl("plugin_get_extract_event_types")
public func pluginGetExtractEventTypes(
  _ count: UnsafeMutablePointer<UInt32>?, _ state: UnsafeMutableRawPointer?
) -> UnsafeMutablePointer<UInt16> {
  count?.pointee = UInt32(ConnectionEvent.eventTypes.count)
  return StaticStrings.eventTypes
}

@_cdecl("plugin_extract_fields")
public func pluginExtractFields(
  _ state: UnsafeMutableRawPointer?, _ event: UnsafeRawPointer?, _ input: UnsafeRawPointer?
) -> Int32 {
  guard let state, let event, let input else { return SS_PLUGIN_FAILURE }
  let instance = Unmanaged<PluginInstance>.fromOpaque(state).takeUnretainedValue()
  let eventInput = event.assumingMemoryBound(to: ss_plugin_event_input.self).pointee
  let request = input.assumingMemoryBound(to: ss_plugin_field_extract_input.self).pointee
  guard let header = eventInput.evt, let fields = request.fields else { return SS_PLUGIN_FAILURE }
  return instance.extraction.extract(
    event: UnsafeRawPointer(header), fields: fields, count: Int(request.num_fields),
    set: instance.currentSet)
}

@_cdecl("plugin_get_metrics")
public func pluginGetMetrics(
  _ state: UnsafeMutableRawPointer?, _ count: UnsafeMutablePointer<UInt32>?
) -> UnsafeMutableRawPointer? {
  guard let state else {
    count?.pointee = 0
    return nil
  }
  let instance = Unmanaged<PluginInstance>.fromOpaque(state).takeUnretainedValue()
  let (metrics, number) = instance.metrics.fill(instance.snapshot, now: WallClock.now)
  count?.pointee = number
  return UnsafeMutableRawPointer(metrics)
}
