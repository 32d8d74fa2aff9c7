import FuzzSupport

FuzzDriver.run(PluginDataHarness.check)
