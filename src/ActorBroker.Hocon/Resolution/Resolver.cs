using System.Runtime.CompilerServices;
using ActorBroker.Hocon.Model;
using ActorBroker.Hocon.Parsing;

namespace ActorBroker.Hocon.Resolution;

/// <summary>
/// Replaces substitutions by their values, once, after the whole configuration is parsed and merged.
/// </summary>
/// <remarks>
/// Lookups are lazy: a path is followed through objects without resolving them, and only the value at
/// its end is resolved, so an object may refer to its own fields. Every node is resolved at most once
/// (the spec's memoisation per substitution instance). A node met again while it is being resolved is a
/// cycle, except a field whose value is a substitution or concatenation (a <see cref="HoconLayer"/>): a
/// lookup that reaches it looks back to the value it overrides, which is how <c>path = ${path}":/bin"</c>
/// and <c>+=</c> work. Resolved nodes are shared, not copied, but each one's size as written out is kept and
/// held to <see cref="ParseLimits.MaxResolvedSize"/>, checked before a concatenation builds its result.
/// </remarks>
internal sealed partial class Resolver
{
    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<HoconNode, HoconNode?> _resolved = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconNode> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<HoconSubstitution> _chain = [];
    private readonly Dictionary<HoconNode, long> _sizes = new(ReferenceEqualityComparer.Instance);

    private Resolver(HoconObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    /// <summary>
    /// Resolves <paramref name="root"/>; <paramref name="environment"/> looks up a variable for a substitution the config does not define.
    /// </summary>
    public static HoconObject Resolve(HoconObject root, Func<string, string?> environment) =>
        (HoconObject)new Resolver(root, environment).Resolve(root)!;

    /// <returns>The resolved value, or null when it is undefined (an optional substitution to nothing).</returns>
    private HoconNode? Resolve(HoconNode node)
    {
        if (node is HoconScalar)
            return node;
        if (_resolved.TryGetValue(node, out var done))
            return done;
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new ConfigException("substitutions and values are nested too deeply to resolve", node.Origin);
        if (!_inProgress.Add(node))
            throw CycleError(node);
        try
        {
            var result = node switch
            {
                HoconObject obj => ResolveObject(obj),
                HoconArray array => ResolveArray(array),
                HoconSubstitution substitution => ResolveSubstitution(substitution),
                HoconConcatenation concatenation => ResolveConcatenation(concatenation),
                HoconLayer layer => ResolveLayer(layer),
                _ => node,
            };
            if (result is not null)
                RequireWithinLimit(SizeOf(result), node.Origin);
            _resolved[node] = result;
            return result;
        }
        finally
        {
            _inProgress.Remove(node);
        }
    }

    private HoconObject ResolveObject(HoconObject obj)
    {
        var fields = new OrderedDictionary<string, HoconNode>(obj.Count);
        foreach (var (key, value) in obj.Fields)
        {
            if (Resolve(value) is { } resolved)
                fields[key] = resolved;
        }
        return new HoconObject(fields, obj.Origin, obj.IgnoresFallbacks);
    }

    private HoconArray ResolveArray(HoconArray array)
    {
        var items = new List<HoconNode>(array.Items.Count);
        foreach (var item in array.Items)
        {
            if (Resolve(item) is { } resolved)
                items.Add(resolved);
        }
        return new HoconArray(items, array.Origin);
    }

    private HoconNode? ResolveConcatenation(HoconConcatenation concatenation)
    {
        var parts = concatenation.Parts.Select(Resolve).ToList();
        RequireWithinLimit(parts.Sum(p => p is null ? 0 : SizeOf(p)), concatenation.Origin);
        return Concatenation.Combine(parts, concatenation.Origin);
    }

    // Children are resolved (and so within the limit) before their parent is sized, so the sums cannot overflow.
    private long SizeOf(HoconNode node)
    {
        if (node is HoconScalar scalar)
            return scalar.Text.Length + 1;
        if (_sizes.TryGetValue(node, out var size))
            return size;
        size = node switch
        {
            HoconObject obj => 1 + obj.Fields.Sum(f => f.Key.Length + SizeOf(f.Value)),
            HoconArray array => 1 + array.Items.Sum(SizeOf),
            _ => 1,
        };
        _sizes[node] = size;
        return size;
    }

    private static void RequireWithinLimit(long size, ConfigOrigin origin)
    {
        if (size > ParseLimits.MaxResolvedSize)
            throw new ConfigException(ParseLimits.TooLarge, origin);
    }

    private HoconNode? ResolveLayer(HoconLayer layer)
    {
        var top = Resolve(layer.Top);
        if (layer.Below is null)
            return top;
        if (top is null)
            return Resolve(layer.Below);
        if (top is HoconObject topObject && Resolve(layer.Below) is HoconObject belowObject)
            return NodeMerger.MergeObjects(topObject, belowObject);
        return top;
    }

    private ConfigException CycleError(HoconNode node)
    {
        var at = _chain.Count > 0 ? _chain[^1].Origin : node.Origin;
        return new ConfigException($"substitution cycle: {DescribeChain()} (a value cannot contain a reference to itself)", at);
    }

    private string DescribeChain() => string.Join(" -> ", _chain.Select(s => s.Describe()));
}
