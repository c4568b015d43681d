using ActorBroker.Cli;

return await CliApplication.InvokeAsync(args).ConfigureAwait(false);
