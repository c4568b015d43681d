using System.Collections.Concurrent;
using System.Net;

namespace ActorBroker.Server.Listeners;

/// <summary>
/// Slows password guessing: after <paramref name="maxFailures"/> failed sign-ins of one user name from one address
/// within <paramref name="window"/>, further attempts of that name from that address are refused unchecked until the
/// window has passed. Keyed by both, so a guesser elsewhere cannot lock a user out everywhere. A success clears the
/// count. Thread-safe.
/// </summary>
public sealed class LoginThrottle(int maxFailures, TimeSpan window, TimeProvider time)
{
    // Beyond this many remembered names and addresses, expired entries are swept before a new one is added,
    // so a stream of made-up names cannot grow the table without bound for longer than a window.
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<(IPAddress?, string), Failures> _failures = new();

    /// <summary>No throttling: what unit tests of other parts want.</summary>
    public static LoginThrottle None { get; } = new(int.MaxValue, TimeSpan.Zero, TimeProvider.System);

    /// <summary>True while the user name may not sign in from the address.</summary>
    public bool IsLocked(IPAddress? address, string userName) =>
        _failures.TryGetValue((address, userName), out var failures) && failures.Count >= maxFailures && !Expired(failures);

    public void Failed(IPAddress? address, string userName)
    {
        if (maxFailures == int.MaxValue)
        {
            return;
        }

        if (_failures.Count > SweepAbove)
        {
            foreach (var (key, failures) in _failures)
            {
                if (Expired(failures))
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }

        var now = time.GetUtcNow();
        _failures.AddOrUpdate((address, userName), _ => new Failures(1, now), (_, failures) => Expired(failures) ? new Failures(1, now) : failures with { Count = failures.Count + 1 });
    }

    public void Succeeded(IPAddress? address, string userName) => _failures.TryRemove((address, userName), out _);

    private bool Expired(Failures failures) => time.GetUtcNow() - failures.Since >= window;

    private sealed record Failures(int Count, DateTimeOffset Since);
}
