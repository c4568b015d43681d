namespace ActorBroker.Hocon.Model;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. A substitution from an included file is looked up first under
/// <see cref="Prefix"/> (the path the file was included at), then from the root, as the spec asks.
/// </summary>
internal sealed class HoconSubstitution(IReadOnlyList<string> path, IReadOnlyList<string> prefix, bool optional, ConfigOrigin origin)
    : HoconNode(origin)
{
    public IReadOnlyList<string> Path { get; } = path;

    public IReadOnlyList<string> Prefix { get; } = prefix;

    public bool Optional { get; } = optional;

    public override bool IsUnresolved => true;

    public override string Describe() => Optional ? $"${{?{ConfigPath.Render(Path)}}}" : $"${{{ConfigPath.Render(Path)}}}";
}
