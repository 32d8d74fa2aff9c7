/// The soak's figures: memory and descriptors in the first and in the last window (a minute,
/// or a quarter of a shorter run).
struct SoakReport {
  var duration: Double
  var samples: [ProcessSample]

  var window: Double { min(60, duration / 4) }
  var first: [ProcessSample] { samples.filter { $0.elapsed <= window } }
  var last: [ProcessSample] { samples.filter { $0.elapsed >= duration - window } }

  /// Growth of the largest resident size from the first window (the warm-up) to the last.
  var residentGrowthKiB: Int {
    (last.map(\.residentKiB).max() ?? 0) - (first.map(\.residentKiB).max() ?? 0)
  }
  /// What allocator and SQLite caches may still add after warm-up: 8 MiB. A leak of a few
  /// hundred bytes a cycle passes it within the 10-minute soak's 2,000-odd cycles.
  var allowedResidentGrowthKiB: Int { 8 * 1024 }
  var descriptorGrowth: Int {
    (last.map(\.openDescriptors).max() ?? 0) - (first.map(\.openDescriptors).max() ?? 0)
  }

  var text: String {
    func range(_ values: [Int]) -> String {
      "\(values.min() ?? 0)–\(values.max() ?? 0)"
    }
    let minutes = "\(Int(window)) s"
    return """
      soak: first \(minutes): RSS \(range(first.map(\.residentKiB))) KiB, \
      fds \(range(first.map(\.openDescriptors))); \
      last \(minutes): RSS \(range(last.map(\.residentKiB))) KiB, \
      fds \(range(last.map(\.openDescriptors))); \
      growth \(residentGrowthKiB) KiB, \(descriptorGrowth) fds
      soak: largest RSS in each window, KiB: \(windowMaxima.map(String.init).joined(separator: " "))
      """
  }

  /// The largest resident size in each window of the run, oldest first: a leak climbs, a
  /// warmed-up daemon levels off.
  var windowMaxima: [Int] {
    let count = max(Int((duration / window).rounded(.up)), 1)
    return (0..<count).map { index in
      samples.filter { Int($0.elapsed / window) == index }.map(\.residentKiB).max() ?? 0
    }
  }
}
