namespace ActorBroker.Cli.Perf;

/// <summary>Where a run reports how far each workload has got.</summary>
internal interface IPerfProgress
{
    IPerfProgressTask Begin(string label, TimeSpan duration);
}

/// <summary>The progress of one workload against one broker.</summary>
internal interface IPerfProgressTask
{
    void Update(TimeSpan elapsed, long delivered);

    void Complete();
}

/// <summary>Progress that shows nothing: for redirected or JSON output.</summary>
internal sealed class SilentProgress : IPerfProgress, IPerfProgressTask
{
    public static SilentProgress Instance { get; } = new();

    public IPerfProgressTask Begin(string label, TimeSpan duration) => this;

    public void Update(TimeSpan elapsed, long delivered)
    {
    }

    public void Complete()
    {
    }
}
