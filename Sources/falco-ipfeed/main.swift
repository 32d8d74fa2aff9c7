FalcoIPFeedCommand.main()
