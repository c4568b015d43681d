using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Routing;

/// <summary>
/// Matches binding arguments against message headers. <c>x-match</c> is <c>all</c> (default), <c>any</c>,
/// <c>all-with-x</c> or <c>any-with-x</c>; without "-with-x", arguments starting with <c>x-</c> are ignored.
/// A binding argument with a void value matches when the header is present at all.
/// </summary>
internal sealed class HeadersRouter : ExchangeRouter
{
    private readonly List<(Binding Binding, HeadersMatch Match)> _entries = [];

    public static HeadersMatch ParseMatch(Headers? arguments)
    {
        if (arguments is null || !arguments.TryGetValue("x-match", out var value))
        {
            return HeadersMatch.All;
        }

        return value.Kind == FieldKind.String ? value.AsString() switch
        {
            "all" => HeadersMatch.All,
            "any" => HeadersMatch.Any,
            "all-with-x" => HeadersMatch.AllWithX,
            "any-with-x" => HeadersMatch.AnyWithX,
            _ => throw BadMatch(value),
        } : throw BadMatch(value);
    }

    public override void Route(Message message, RouteResult result)
    {
        var headers = message.Properties.Headers;
        foreach (var (binding, match) in _entries)
        {
            if (Matches(binding.Arguments, match, headers))
            {
                result.Add(binding.Destination);
            }
        }
    }

    protected override void OnAdded(Binding binding) => _entries.Add((binding, ParseMatch(binding.Arguments)));

    protected override void OnRemoved(Binding binding) => _entries.RemoveAll(e => e.Binding.Equals(binding));

    private static bool Matches(Headers? arguments, HeadersMatch match, Headers? headers)
    {
        var any = match is HeadersMatch.Any or HeadersMatch.AnyWithX;
        var withX = match is HeadersMatch.AllWithX or HeadersMatch.AnyWithX;
        if (arguments is not null)
        {
            foreach (var (key, expected) in arguments)
            {
                if (string.Equals(key, "x-match", StringComparison.Ordinal) || (!withX && key.StartsWith("x-", StringComparison.Ordinal)))
                {
                    continue;
                }

                var hit = headers is not null && headers.TryGetValue(key, out var actual)
                    && (expected.Kind == FieldKind.Void || actual == expected);
                if (hit && any)
                {
                    return true;
                }

                if (!hit && !any)
                {
                    return false;
                }
            }
        }

        // all: every considered argument matched (an empty binding matches everything); any: none did.
        return !any;
    }

    private static BrokerException BadMatch(FieldValue value) =>
        BrokerException.InvalidArgument($"x-match must be 'all', 'any', 'all-with-x' or 'any-with-x', not '{value}'.");
}

internal enum HeadersMatch
{
    All,
    Any,
    AllWithX,
    AnyWithX,
}
