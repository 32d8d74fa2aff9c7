import FuzzSupport

FuzzDriver.run(IpsumFeedHarness.check)
