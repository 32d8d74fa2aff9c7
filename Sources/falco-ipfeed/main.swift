print("falco-ipfeed")
