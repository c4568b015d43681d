using System.Security.Cryptography.X509Certificates;
using ActorBroker.Hocon;
using ActorBroker.Server.Listeners;
using ActorBroker.Server.Management;

namespace ActorBroker.Server.Tests.Security;

public sealed class TlsSettingsTests : IDisposable
{
    private readonly ThrowawayCertificateAuthority _ca = new();

    public void Dispose() => _ca.Dispose();

    [Fact]
    public void A_pem_certificate_and_key_load_with_the_key_and_tls_1_2_and_1_3_only()
    {
        var tls = TlsSettings.From(Config($"certificate = \"{_ca.CertificatePath}\", private-key = \"{_ca.PrivateKeyPath}\""), "actorbroker.amqp.tls", 5671)!;

        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.Equal(5671, tls.Port);
        Assert.Equal(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13, tls.ServerOptions().EnabledSslProtocols);
    }

    [Fact]
    public void A_pfx_file_with_its_password_loads_too()
    {
        using var server = X509Certificate2.CreateFromPemFile(_ca.CertificatePath, _ca.PrivateKeyPath);
        var pfx = Path.Combine(Path.GetDirectoryName(_ca.CertificatePath)!, "server.pfx");
        File.WriteAllBytes(pfx, server.Export(X509ContentType.Pkcs12, "secret"));

        var tls = TlsSettings.From(Config($"certificate = \"{pfx}\", password = secret"), "actorbroker.amqp.tls", 5671)!;

        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.Equal(server.Thumbprint, tls.Certificate.Thumbprint);
    }

    [Fact]
    public void A_key_that_cannot_be_read_stops_the_start_naming_the_setting_and_the_files()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            TlsSettings.From(Config($"certificate = \"{_ca.CertificatePath}\", private-key = \"/nonexistent/node.key\""), "actorbroker.amqp.tls", 5671));

        Assert.Contains("actorbroker.amqp.tls.certificate and private-key", error.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/node.key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Turning_off_the_plain_listener_without_tls_is_refused_and_with_tls_leaves_tls_alone()
    {
        var noAmqp = Assert.Throws<ArgumentException>(() => AmqpListenerSettings.From(Node("actorbroker.amqp.plain = false")));
        var noHttp = Assert.Throws<ArgumentException>(() => ManagementSettings.From(Node("actorbroker.management.plain = false")));
        var tlsOnly = AmqpListenerSettings.From(Node($$"""
            actorbroker.amqp.plain = false
            actorbroker.amqp.tls { enabled = true, certificate = "{{_ca.CertificatePath}}", private-key = "{{_ca.PrivateKeyPath}}" }
            """));

        Assert.Contains("serve no AMQP", noAmqp.Message, StringComparison.Ordinal);
        Assert.Contains("serve no HTTP", noHttp.Message, StringComparison.Ordinal);
        Assert.False(tlsOnly.Plain);
        Assert.Equal(5671, tlsOnly.Tls!.Port);
    }

    private static Config Config(string tls) => ConfigFactory.ParseString($"actorbroker.amqp.tls {{ enabled = true, {tls} }}");

    private static Config Node(string overrides) =>
        ConfigFactory.ParseString(overrides).WithFallback(ConfigFactory.ParseFile(Path.Combine(AppContext.BaseDirectory, "config", "broker.conf")));
}
