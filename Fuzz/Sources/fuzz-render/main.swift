import FuzzSupport

FuzzDriver.run(RenderHarness.check)
