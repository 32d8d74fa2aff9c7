import FuzzSupport

FuzzDriver.run(AddressHarness.check)
