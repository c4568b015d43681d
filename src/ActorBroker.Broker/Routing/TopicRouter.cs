using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Routing;

/// <summary>
/// Topic matching over a trie of binding-key words, so a publish walks the routing key once per
/// candidate branch instead of testing every binding. Words are looked up as spans: no string split per message.
/// </summary>
internal sealed class TopicRouter : ExchangeRouter
{
    private TopicNode _root = new();

    public override void Route(Message message, RouteResult result) => Match(_root, message.RoutingKey.AsSpan(), atEnd: false, result);

    protected override void OnAdded(Binding binding)
    {
        var node = _root;
        foreach (var word in binding.RoutingKey.Split('.'))
        {
            node = node.GetOrAddChild(word);
        }

        if (!node.Destinations.Contains(binding.Destination))
        {
            node.Destinations.Add(binding.Destination);
        }
    }

    // Unbinding is rare; rebuilding the trie keeps node pruning out of the matching code.
    protected override void OnRemoved(Binding binding)
    {
        _root = new TopicNode();
        foreach (var remaining in Bindings)
        {
            OnAdded(remaining);
        }
    }

    // `rest` holds the words not consumed yet; `atEnd` distinguishes "no words left" from "one empty word left".
    private static void Match(TopicNode node, ReadOnlySpan<char> rest, bool atEnd, RouteResult result)
    {
        if (node.Hash is { } hash)
        {
            // '#' may swallow zero words, or any number: try every suffix.
            Match(hash, rest, atEnd, result);
            var remaining = rest;
            var done = atEnd;
            while (!done)
            {
                done = !Advance(ref remaining, out _);
                Match(hash, remaining, done, result);
            }
        }

        if (atEnd)
        {
            result.AddRange(node.Destinations);
            return;
        }

        var tail = rest;
        var last = !Advance(ref tail, out var word);
        if (node.Star is { } star)
        {
            Match(star, tail, last, result);
        }

        if (node.TryGetChild(word, out var child))
        {
            Match(child, tail, last, result);
        }
    }

    /// <summary>Splits the first word off <paramref name="rest"/>; false when it was the last word.</summary>
    private static bool Advance(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> word)
    {
        var dot = rest.IndexOf('.');
        if (dot < 0)
        {
            word = rest;
            rest = default;
            return false;
        }

        word = rest[..dot];
        rest = rest[(dot + 1)..];
        return true;
    }
}
