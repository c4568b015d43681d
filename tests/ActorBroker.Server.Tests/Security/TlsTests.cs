using System.Net;
using System.Net.Http.Json;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Listeners;
using ActorBroker.Server.Management;
using ActorBroker.Server.Tests.Management;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorBroker.Server.Tests.Security;

/// <summary>AMQPS and HTTPS beside plain AMQP and HTTP, with certificates of a CA the test makes itself.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);
    private readonly ThrowawayCertificateAuthority _ca = new();
    private readonly ManagementNode _node;

    public TlsTests()
    {
        var tls = $$"""
            enabled = true
            port = 0
            certificate = "{{_ca.CertificatePath}}"
            private-key = "{{_ca.PrivateKeyPath}}"
            client-certificates = optional
            ca-certificates = "{{_ca.RootPath}}"
            """;
        _node = new ManagementNode { ExtraConfig = $"actorbroker.amqp.tls {{ {tls} }}\nactorbroker.management.tls {{ {tls} }}" };
    }

    public Task InitializeAsync() => _node.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _ca.Dispose();
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task RabbitMQ_client_publishes_and_gets_over_tls(SslProtocols version)
    {
        var factory = TlsFactory(version);
        factory.UserName = "watcher";
        factory.Password = "watcher";
        await using var connection = await factory.CreateConnectionAsync().WaitAsync(s_timeout);
        await using var channel = await connection.CreateChannelAsync();

        var queue = (await channel.QueueDeclareAsync()).QueueName;
        await channel.BasicPublishAsync("", queue, Encoding.UTF8.GetBytes("sealed"));
        var got = await channel.BasicGetAsync(queue, autoAck: true);

        Assert.Equal("sealed", Encoding.UTF8.GetString(got!.Body.Span));
    }

    [Fact]
    public async Task A_client_certificate_signs_in_its_user_with_external_and_no_password()
    {
        using (var created = await _node.Admin.SendRawAsync(HttpMethod.Put, "/api/users/tls-user", """{"tags": ""}"""))
        {
            await created.AssertStatusAsync(HttpStatusCode.Created);
        }

        (await _node.Admin.PutAsJsonAsync("/api/permissions/%2F/tls-user", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        using var certificate = _ca.ClientCertificate("tls-user");
        var factory = TlsFactory(SslProtocols.Tls13);
        factory.Ssl.Certs = new X509CertificateCollection { certificate };
        factory.AuthMechanisms = [new ExternalMechanismFactory()];

        await using var connection = await factory.CreateConnectionAsync("certified").WaitAsync(s_timeout);

        // The node lists a connection just after it answered open-ok.
        await Eventually.HoldsAsync(
            async () => (await _node.Admin.GetAsync<List<ConnectionResource>>("/api/connections")).Any(c => c.ClientProvidedName == "certified" && c.User == "tls-user"),
            "the certified connection listed as tls-user's");
    }

    [Fact]
    public async Task A_client_certificate_from_another_authority_is_refused_in_the_handshake()
    {
        using var stranger = new ThrowawayCertificateAuthority();
        using var certificate = stranger.ClientCertificate("guest");
        var factory = TlsFactory(SslProtocols.Tls13);
        factory.Ssl.Certs = new X509CertificateCollection { certificate };
        factory.AuthMechanisms = [new ExternalMechanismFactory()];

        await Assert.ThrowsAnyAsync<RabbitMQ.Client.Exceptions.BrokerUnreachableException>(() => factory.CreateConnectionAsync().WaitAsync(s_timeout));
    }

    [Fact]
    public async Task A_user_without_a_password_cannot_sign_in_with_plain()
    {
        using (var created = await _node.Admin.SendRawAsync(HttpMethod.Put, "/api/users/passwordless", """{"tags": ""}"""))
        {
            await created.AssertStatusAsync(HttpStatusCode.Created);
        }

        var factory = TlsFactory(SslProtocols.Tls13);
        factory.UserName = "passwordless";
        factory.Password = "";

        await Assert.ThrowsAnyAsync<RabbitMQ.Client.Exceptions.BrokerUnreachableException>(() => factory.CreateConnectionAsync().WaitAsync(s_timeout));
    }

    [Fact]
    public async Task The_management_api_answers_over_https_beside_http()
    {
        var https = new Uri(_node.Services.GetRequiredService<ManagementService>().Addresses.Single(a => a.StartsWith("https:", StringComparison.Ordinal)));
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => _ca.TrustsServer(certificate) };
        using var client = new HttpClient(handler) { BaseAddress = https, Timeout = s_timeout };
        client.DefaultRequestHeaders.Authorization = _node.Admin.DefaultRequestHeaders.Authorization;

        var me = await client.GetFromJsonAsync<WhoAmI>("/api/whoami", ManagementJson.Options);

        Assert.Equal("guest", me!.Name);
        Assert.StartsWith("http:", _node.BaseAddress.ToString(), StringComparison.Ordinal);
    }

    private ConnectionFactory TlsFactory(SslProtocols version) => new()
    {
        HostName = "localhost",
        Port = _node.Services.GetServices<IHostedService>().OfType<AmqpListenerService>().Single().TlsEndPoint!.Port,
        AutomaticRecoveryEnabled = false,
        ContinuationTimeout = s_timeout,
        Ssl = new SslOption
        {
            Enabled = true,
            ServerName = "localhost",
            Version = version,
            CertificateValidationCallback = _ca.TrustsServer,
        },
    };
}
