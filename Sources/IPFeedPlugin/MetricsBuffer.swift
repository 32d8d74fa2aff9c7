internal import CFalcoPlugin
import Glibc

/// The array `plugin_get_metrics` returns, owned by the state and refilled on each call.
final class MetricsBuffer {
  static let names = ["entries", "generation", "load_failures", "age_seconds"]
  private let metrics = UnsafeMutablePointer<ss_plugin_metric>.allocate(capacity: names.count)
  private let nameStrings = names.map { UnsafePointer(strdup($0)!) }

  deinit {
    metrics.deallocate()
    for name in nameStrings { free(UnsafeMutablePointer(mutating: name)) }
  }

  /// Entries and generation of the loaded set, refused files so far, seconds since the set was
  /// loaded (0 while none is).
  func fill(_ snapshot: PluginInstance.Snapshot, now: Int64) -> (
    UnsafeMutablePointer<ss_plugin_metric>, UInt32
  ) {
    let age = snapshot.set.loadedAt.map { max(0, now - $0) } ?? 0
    let values: [(UInt64, ss_plugin_metric_type)] = [
      (UInt64(snapshot.set.file.count), SS_PLUGIN_METRIC_TYPE_NON_MONOTONIC),
      (snapshot.set.file.generation, SS_PLUGIN_METRIC_TYPE_NON_MONOTONIC),
      (UInt64(snapshot.loadFailures), SS_PLUGIN_METRIC_TYPE_MONOTONIC),
      (UInt64(age), SS_PLUGIN_METRIC_TYPE_NON_MONOTONIC),
    ]
    for (index, (value, type)) in values.enumerated() {
      var metric = ss_plugin_metric()
      metric.name = nameStrings[index]
      metric.type = type
      metric.value.u64 = value
      metric.value_type = SS_PLUGIN_METRIC_VALUE_TYPE_U64
      metrics[index] = metric
    }
    return (metrics, UInt32(values.count))
  }
}
