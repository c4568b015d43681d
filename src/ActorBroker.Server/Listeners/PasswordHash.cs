using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActorBroker.Server.Listeners;

/// <summary>
/// A stored password hash in the config's format:
/// <c>pbkdf2-sha256:&lt;iterations&gt;:&lt;base64 salt&gt;:&lt;base64 PBKDF2-HMAC-SHA256, 32 bytes&gt;</c>.
/// </summary>
public sealed class PasswordHash
{
    private const string Scheme = "pbkdf2-sha256";
    private const int HashSize = 32;

    private readonly string _text;
    private readonly int _iterations;
    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private PasswordHash(string text, int iterations, byte[] salt, byte[] hash)
    {
        _text = text;
        _iterations = iterations;
        _salt = salt;
        _hash = hash;
    }

    /// <summary>
    /// No password: the empty text. No password matches it, so its user can sign in only with a client certificate
    /// (the EXTERNAL mechanism), as a RabbitMQ user created without a password. Checking a password against it costs
    /// as much as against a real hash, so a failure tells nothing about the user.
    /// </summary>
    public static PasswordHash None { get; } = new("", DefaultIterations, RandomNumberGenerator.GetBytes(16), []);

    /// <summary>What new hashes cost: PBKDF2 iterations, slow on purpose against guessing from a stolen hash.</summary>
    public const int DefaultIterations = 100_000;

    /// <summary>True for <see cref="None"/>.</summary>
    public bool IsNone => _hash.Length == 0;

    /// <exception cref="ArgumentException">The text is not empty (<see cref="None"/>) nor in the format above.</exception>
    public static PasswordHash Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return None;
        }

        var parts = text.Split(':');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            throw new ArgumentException($"password hash '{text}' is not '{Scheme}:<iterations>:<base64 salt>:<base64 hash>'", nameof(text));
        }

        try
        {
            var hash = Convert.FromBase64String(parts[3]);
            return hash.Length == HashSize
                ? new PasswordHash(text, iterations, Convert.FromBase64String(parts[2]), hash)
                : throw new ArgumentException($"password hash '{text}' holds {hash.Length} hash bytes, not {HashSize}", nameof(text));
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"password hash '{text}' has a salt or hash that is not base64", nameof(text), e);
        }
    }

    /// <summary>Hashes <paramref name="password"/> in the config's format, with a fresh random salt.</summary>
    public static string Create(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Derive(password, salt, iterations);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}:{iterations}:{Convert.ToBase64String(salt)}:{Convert.ToBase64String(hash)}");
    }

    /// <summary>The hash in the config's format (never the password), as definitions export it.</summary>
    public override string ToString() => _text;

    public bool Matches(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var derived = Derive(password, _salt, _iterations);
        return !IsNone && CryptographicOperations.FixedTimeEquals(derived, _hash);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashSize);
}
