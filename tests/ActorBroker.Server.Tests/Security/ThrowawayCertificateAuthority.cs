using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorBroker.Server.Tests.Security;

/// <summary>
/// A certificate authority made for one test class: its root, a server certificate for localhost and 127.0.0.1,
/// client certificates on demand, and PEM files of them in a temporary folder, as an operator would have.
/// </summary>
public sealed class ThrowawayCertificateAuthority : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("actorbroker-ca-");
    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ThrowawayCertificateAuthority()
    {
        var request = new CertificateRequest("CN=ActorBroker test CA", _rootKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        Root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        RootPath = Write("ca.pem", Root.ExportCertificatePem());
        var server = Issue("CN=localhost", serverAuth: true);
        CertificatePath = Write("server.pem", server.ExportCertificatePem());
        PrivateKeyPath = Write("server.key", server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public X509Certificate2 Root { get; }

    public string RootPath { get; }

    /// <summary>The server certificate, PEM.</summary>
    public string CertificatePath { get; }

    /// <summary>Its private key, PEM (PKCS#8).</summary>
    public string PrivateKeyPath { get; }

    /// <summary>A client certificate whose common name is <paramref name="commonName"/>, with its private key.</summary>
    public X509Certificate2 ClientCertificate(string commonName) => Issue($"CN={commonName}", serverAuth: false);

    /// <summary>A client's check of the server's certificate: it must chain to this root alone.</summary>
    public bool TrustsServer(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }

    /// <summary>As <see cref="TrustsServer(X509Certificate)"/>, in the shape of RabbitMQ.Client's and HttpClient's callbacks.</summary>
    public bool TrustsServer(object? sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => TrustsServer(certificate);

    public void Dispose()
    {
        _rootKey.Dispose();
        Root.Dispose();
        _folder.Delete(recursive: true);
    }

    private X509Certificate2 Issue(string subject, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], critical: false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(Root, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), serial);
        return issued.CopyWithPrivateKey(key);
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
