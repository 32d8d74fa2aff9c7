import FuzzSupport

FuzzDriver.run(ConfigHarness.check)
