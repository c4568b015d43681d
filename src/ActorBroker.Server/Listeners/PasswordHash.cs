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

    /// <exception cref="ArgumentException">The text is not in the format above.</exception>
    public static PasswordHash Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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
    public static string Create(string password, int iterations = 100_000)
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
        return CryptographicOperations.FixedTimeEquals(Derive(password, _salt, _iterations), _hash);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashSize);
}
