using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ActorBroker.Amqp.Connections;

namespace ActorBroker.Server.Listeners;

/// <summary>
/// A user's permissions in one virtual host, as RabbitMQ defines them: three regular expressions matched against
/// the names of exchanges and queues, for configure, write and read access. A pattern matches anywhere in the name
/// unless anchored (<c>^orders\.</c>); the empty pattern matches nothing, <c>.*</c> everything.
/// </summary>
public sealed class VirtualHostPermissions
{
    private const string Everything = ".*";

    // A hostile pattern must not hold a connection's reader: a match that takes this long counts as no match.
    private static readonly TimeSpan s_matchTimeout = TimeSpan.FromMilliseconds(100);

    // Publishers name the same few exchanges again and again; the answers are kept, up to a bound, so a
    // publish costs a dictionary lookup rather than a match.
    private const int RememberedAnswers = 4096;

    private readonly Regex? _configure;
    private readonly Regex? _write;
    private readonly Regex? _read;
    private readonly ConcurrentDictionary<(ResourceAccess, string), bool> _answers = new();

    /// <exception cref="ArgumentException">A pattern is not a valid regular expression (names which).</exception>
    public VirtualHostPermissions(string configure, string write, string read)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(read);
        Configure = configure;
        Write = write;
        Read = read;
        _configure = Compile(configure, "configure");
        _write = Compile(write, "write");
        _read = Compile(read, "read");
        AllowsEverything = configure == Everything && write == Everything && read == Everything;
    }

    /// <summary>Everything allowed: what a user whose permissions were never set has in every virtual host.</summary>
    public static VirtualHostPermissions Full { get; } = new(Everything, Everything, Everything);

    /// <summary>True when all three patterns are <c>.*</c>, as <see cref="Full"/>'s.</summary>
    public bool AllowsEverything { get; }

    public string Configure { get; }

    public string Write { get; }

    public string Read { get; }

    public bool Allows(ResourceAccess access, string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        // Most users have every permission: no lookup on each publish for them.
        if (AllowsEverything)
        {
            return true;
        }

        if (_answers.TryGetValue((access, resource), out var known))
        {
            return known;
        }

        var allowed = Matches(access switch
        {
            ResourceAccess.Configure => _configure,
            ResourceAccess.Write => _write,
            _ => _read,
        }, resource);
        if (_answers.Count < RememberedAnswers)
        {
            _answers.TryAdd((access, resource), allowed);
        }

        return allowed;
    }

    private static bool Matches(Regex? pattern, string resource)
    {
        if (pattern is null)
        {
            return false;
        }

        try
        {
            return pattern.IsMatch(resource);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static Regex? Compile(string pattern, string which)
    {
        if (pattern.Length == 0)
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, s_matchTimeout);
        }
        catch (ArgumentException bad)
        {
            throw new ArgumentException($"the {which} pattern '{pattern}' is not a regular expression: {bad.Message}", bad);
        }
    }
}
