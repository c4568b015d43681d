namespace ActorBroker.Hocon.Model;

internal sealed class HoconArray(IReadOnlyList<HoconNode> items, ConfigOrigin origin) : HoconNode(origin)
{
    public IReadOnlyList<HoconNode> Items { get; } = items;

    public override string Describe() => "an array";
}
