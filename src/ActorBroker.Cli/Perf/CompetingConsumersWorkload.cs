namespace ActorBroker.Cli.Perf;

/// <summary>One queue shared by 4 consumers with manual acks; each message must reach exactly one of them.</summary>
internal sealed class CompetingConsumersWorkload : PerfWorkload
{
    public override string Name => "competing";

    public override string Description => "4 competing consumers on one queue, manual ack";

    public override int ConsumersPerQueue => 4;

    public override bool ManualAck => true;
}
