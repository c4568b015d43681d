using ActorBroker.Cli;

return CliApplication.CreateRootCommand().Parse(args).Invoke();
