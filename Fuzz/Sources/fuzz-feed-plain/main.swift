import FuzzSupport

FuzzDriver.run(PlainFeedHarness.check)
