import IPFeedCore

/// The reloader that carries out a plan.
public enum FalcoReloaders {
  /// `falcoBinary` (`falco.binary`) names the process a pid file must point at.
  public static func reloader(
    for plan: FalcoReloadPlan, falcoBinary: String = "falco"
  ) -> any FalcoReloader {
    switch plan.action {
    case .none: FalcoWatchesItsFiles()
    case .signalUnit(let unit): UnitSignalReloader(unit: unit)
    case .signalPidFile(let file): PidFileSignalReloader(pidFile: file, falcoBinary: falcoBinary)
    case .restartUnit(let unit): UnitRestartReloader(unit: unit)
    }
  }

  /// The plan for `config`, reading Falco's config when `reload` is auto.
  public static func plan(for config: Config) -> FalcoReloadPlan {
    guard config.falco.reload == .auto else {
      return FalcoReloadPlan.decide(config.falco, outputPath: config.output.path, facts: nil)
    }
    do {
      let facts = try FalcoConfigReader.facts(at: config.falco.config)
      return FalcoReloadPlan.decide(config.falco, outputPath: config.output.path, facts: facts)
    } catch {
      return FalcoReloadPlan.decide(
        config.falco, outputPath: config.output.path, facts: nil, readError: error.description)
    }
  }
}
