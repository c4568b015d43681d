using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace ActorBroker.Benchmarks;

/// <summary>
/// The configuration every benchmark of the solution shares: BenchmarkDotNet's defaults (loggers,
/// columns, exporters) plus the memory diagnoser, since allocation budgets are part of the results, and
/// grouping by category. Choose the job on the command line (<c>--job short</c>, <c>--job dry</c>).
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
    }
}
