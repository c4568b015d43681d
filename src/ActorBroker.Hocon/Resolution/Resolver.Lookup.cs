using ActorBroker.Hocon.Model;

namespace ActorBroker.Hocon.Resolution;

internal sealed partial class Resolver
{
    private HoconNode? ResolveSubstitution(HoconSubstitution substitution)
    {
        _chain.Add(substitution);
        try
        {
            var lookBackFailed = false;
            if (substitution.Prefix.Count > 0 && Find([.. substitution.Prefix, .. substitution.Path], ref lookBackFailed) is { } local)
                return local;
            if (Find(substitution.Path, ref lookBackFailed) is { } found)
                return found;
            var name = string.Join('.', substitution.Path);
            if (_environment(name) is { } variable)
                return HoconScalar.String(variable, ConfigOrigin.Of($"environment variable {name}"));
            if (substitution.Optional)
                return null;
            throw new ConfigException(MissingReason(substitution, name, lookBackFailed), substitution.Origin, ConfigPath.Render(substitution.Path));
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
    }

    private string MissingReason(HoconSubstitution substitution, string name, bool lookBackFailed)
    {
        if (!lookBackFailed)
            return $"could not resolve substitution {substitution.Describe()}: no setting at that path and no environment variable '{name}'";
        return _chain.Count == 1
            ? $"could not resolve substitution {substitution.Describe()}: it refers to its own field, which has no earlier value"
            : $"substitution cycle: {DescribeChain()}";
    }

    /// <summary>The resolved value at <paramref name="path"/> from the root, or null when there is none.</summary>
    private HoconNode? Find(IReadOnlyList<string> path, ref bool lookBackFailed)
    {
        HoconNode? node = _root;
        foreach (var key in path)
        {
            node = Child(node, key, ref lookBackFailed);
            if (node is null)
                return null;
        }
        node = Visible(node, ref lookBackFailed);
        return node is null ? null : Resolve(node);
    }

    // A field being resolved whose value refers to itself is seen, by its own substitutions, as the value it
    // overrides: the spec removes that field and every later value of it from the lookup document.
    private HoconNode? Visible(HoconNode node, ref bool lookBackFailed)
    {
        HoconLayer? resolving = null;
        for (var current = node; current is HoconLayer layer; current = layer.Below)
        {
            if (layer.IsSelfReferential && _inProgress.Contains(layer))
                resolving = layer;
        }
        if (resolving is null)
            return node;
        lookBackFailed |= resolving.Below is null;
        return resolving.Below;
    }

    private HoconNode? Child(HoconNode node, string key, ref bool lookBackFailed)
    {
        var visible = Visible(node, ref lookBackFailed);
        switch (visible)
        {
            case null:
                return null;
            case HoconObject obj:
                return obj.TryGet(key, out var value) ? value : null;
            case HoconLayer { Top: HoconObject top } layer:
                // An object over an unresolved earlier value: look into the object first, lazily, so that
                // the object may refer to its own fields while it is being resolved.
                var newer = Child(top, key, ref lookBackFailed);
                if (layer.Below is null || newer is { IsUnresolved: false } and not HoconObject)
                    return newer;
                var older = Child(layer.Below, key, ref lookBackFailed);
                return newer is null ? older : NodeMerger.Merge(newer, older);
            case { IsUnresolved: true }:
                var resolved = Resolve(visible);
                return resolved is null ? null : Child(resolved, key, ref lookBackFailed);
            default:
                return null;
        }
    }
}
