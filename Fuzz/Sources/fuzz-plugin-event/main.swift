import FuzzSupport

FuzzDriver.run(PluginEventHarness.check)
