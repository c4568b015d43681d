using ActorBroker.Benchmarks;
using ActorBroker.Benchmarks.Durable;
using BenchmarkDotNet.Running;

// Modes that measure something BenchmarkDotNet cannot (a whole process's footprint) run as plain console code.
if (args.Length > 0 && args[0] == DurableBacklog.Mode)
{
    return await DurableBacklog.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == DelayedBacklog.Mode)
{
    return await DelayedBacklog.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == DurableRecovery.Mode)
{
    return await DurableRecovery.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == ActorBroker.Benchmarks.Client.ClientComparison.Mode)
{
    return await ActorBroker.Benchmarks.Client.ClientComparison.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
return 0;
