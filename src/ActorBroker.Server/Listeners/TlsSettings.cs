using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorBroker.Hocon;

namespace ActorBroker.Server.Listeners;

/// <summary>Whether a TLS listener asks its clients for a certificate.</summary>
public enum ClientCertificates
{
    /// <summary>No certificate is asked for.</summary>
    None,

    /// <summary>A certificate is asked for; one that is given must be valid, and lets its user sign in with EXTERNAL.</summary>
    Optional,

    /// <summary>A client without a valid certificate is refused during the handshake.</summary>
    Required,
}

/// <summary>
/// A TLS listener's settings (<c>actorbroker.amqp.tls</c>, <c>actorbroker.management.tls</c>): its port, the node's
/// certificate with its private key, and what it asks of clients' certificates. TLS 1.2 and 1.3 only.
/// </summary>
public sealed record TlsSettings(int Port, X509Certificate2 Certificate, ClientCertificates ClientCertificates, X509Certificate2Collection TrustedAuthorities)
{
    /// <summary>The protocols offered: TLS 1.2 and 1.3; older ones are broken.</summary>
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    // Built once: it holds the certificate's chain, which every handshake sends.
    private readonly SslStreamCertificateContext _context = SslStreamCertificateContext.Create(Certificate, additionalCertificates: null, offline: true);

    /// <summary>The section's settings, or null when it is missing or <c>enabled = false</c>.</summary>
    /// <param name="config">The node config.</param>
    /// <param name="path">The section, e.g. <c>actorbroker.amqp.tls</c>.</param>
    /// <param name="defaultPort">The port when the section sets none.</param>
    /// <exception cref="ArgumentException">A file cannot be read or holds no certificate or key; a setting is out of range (names the setting).</exception>
    public static TlsSettings? From(Config config, string path, int defaultPort)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.HasPath(path) || !config.GetBoolean(path + ".enabled", false))
        {
            return null;
        }

        var tls = config.GetConfig(path);
        var port = tls.GetLong("port", defaultPort);
        if (port is < 0 or > 65535)
        {
            throw new ArgumentException($"{path}.port = {port} is out of range: expected 0 to 65535");
        }

        var mode = tls.GetString("client-certificates", "none") switch
        {
            "none" => ClientCertificates.None,
            "optional" => ClientCertificates.Optional,
            "required" => ClientCertificates.Required,
            var other => throw new ArgumentException($"{path}.client-certificates = '{other}': expected none, optional or required"),
        };
        var certificate = LoadCertificate(tls.GetString("certificate", ""), tls.GetString("private-key", ""), tls.GetString("password", ""), path);
        var authorities = new X509Certificate2Collection();
        if (tls.GetString("ca-certificates", "") is { Length: > 0 } bundle)
        {
            Read(() => authorities.ImportFromPemFile(bundle), $"{path}.ca-certificates", bundle);
        }

        return new TlsSettings((int)port, certificate, mode, authorities);
    }

    /// <summary>What an <see cref="SslStream"/> serving this listener needs.</summary>
    public SslServerAuthenticationOptions ServerOptions() => new()
    {
        ServerCertificateContext = _context,
        EnabledSslProtocols = Protocols,
        ClientCertificateRequired = ClientCertificates != ClientCertificates.None,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsAcceptable(certificate as X509Certificate2, errors),
    };

    /// <summary>
    /// Whether a client's certificate lets it through: none is fine unless required; one given must chain to the
    /// configured authorities (<c>ca-certificates</c>), or to the system's when none are configured.
    /// </summary>
    public bool IsAcceptable(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return ClientCertificates != ClientCertificates.Required;
        }

        if (TrustedAuthorities.Count == 0)
        {
            return errors == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(TrustedAuthorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(certificate);
    }

    /// <summary>The user a client certificate names for the EXTERNAL mechanism: its subject's common name (RabbitMQ's common_name option).</summary>
    public static string? UserNameOf(X509Certificate2? certificate) =>
        certificate?.GetNameInfo(X509NameType.SimpleName, forIssuer: false) is { Length: > 0 } name ? name : null;

    private static X509Certificate2 LoadCertificate(string certificatePath, string keyPath, string password, string path)
    {
        if (certificatePath.Length == 0)
        {
            throw new ArgumentException($"{path}.certificate is not set: TLS needs the node's certificate (a PEM file with private-key beside it, or a PFX file)");
        }

        var isPfx = certificatePath.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || certificatePath.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);
        if (isPfx)
        {
            return Read(() => X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password.Length == 0 ? null : password), $"{path}.certificate", certificatePath);
        }

        if (keyPath.Length == 0)
        {
            throw new ArgumentException($"{path}.private-key is not set: a PEM certificate needs its private key");
        }

        return Read(
            () => password.Length == 0
                ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, keyPath),
            $"{path}.certificate and private-key",
            $"{certificatePath}, {keyPath}");
    }

    private static T Read<T>(Func<T> read, string setting, string files)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new ArgumentException($"{setting} ({files}) cannot be loaded: {e.Message}", e);
        }
    }

    private static void Read(Action read, string setting, string files) => Read(() =>
    {
        read();
        return true;
    }, setting, files);
}
