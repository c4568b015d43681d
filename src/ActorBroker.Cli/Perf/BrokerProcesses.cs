namespace ActorBroker.Cli.Perf;

/// <summary>
/// The processes of a measured broker on this machine: its nodes, and optionally the PostgreSQL server under its
/// journal (the postmaster, counted with its backends). A run reads their CPU time, and this tool's own, before and
/// after it measures, and reports each per delivered message.
/// </summary>
internal sealed record BrokerProcesses(IReadOnlyList<int> Nodes, int? Database)
{
    public CpuReading Read() => new(
        ProcessCpu.Total(Nodes, withChildren: false),
        Database is { } database ? ProcessCpu.Total([database], withChildren: true) : TimeSpan.Zero,
        ProcessCpu.Total([Environment.ProcessId], withChildren: false));
}

/// <summary>CPU time used so far by a broker's nodes, its database server and the perf tool itself.</summary>
internal readonly record struct CpuReading(TimeSpan Nodes, TimeSpan Database, TimeSpan Client)
{
    /// <summary>The CPU time spent from this reading to <paramref name="later"/>, per message of <paramref name="messages"/>.</summary>
    public CpuCost PerMessage(CpuReading later, long messages, bool database) => messages == 0
        ? default
        : new CpuCost(
            Micros(later.Nodes - Nodes, messages),
            database ? Micros(later.Database - Database, messages) : null,
            Micros(later.Client - Client, messages));

    private static double Micros(TimeSpan time, long messages) => time.TotalMicroseconds / messages;
}

/// <summary>CPU microseconds per delivered message: all broker nodes together, the database server (when watched), the perf tool.</summary>
internal readonly record struct CpuCost(double NodeMicros, double? DatabaseMicros, double ClientMicros);
