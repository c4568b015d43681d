using System.Collections.Immutable;
using ActorBroker.Client.Actors;
using ActorBroker.Client.Serialization;
using Akka.Actor;
using Akka.Cluster.Tools.Client;

namespace ActorBroker.Client;

/// <summary>
/// An Akka.NET application's handle on the broker: publish with confirms, consumer actors, gets, request/response
/// and topology. It reaches the nodes' gateways through Akka's ClusterClient from contact points, without joining
/// the broker's cluster, and fails over to another node when the one it talks to is lost (consumer actors are
/// subscribed again; their unacknowledged deliveries are redelivered). Thread-safe.
/// </summary>
public sealed partial class BrokerClient : IAsyncDisposable
{
    private readonly IActorRef _actor;
    private readonly IActorRef? _clusterClient;
    private readonly BrokerClientSettings _settings;
    private readonly ConfirmTable _confirms;

    private BrokerClient(IActorRef actor, ConfirmTable confirms, IActorRef? clusterClient, BrokerClientSettings settings, string node)
    {
        _actor = actor;
        _confirms = confirms;
        _clusterClient = clusterClient;
        _settings = settings;
        Node = node;
    }

    /// <summary>The Akka address of the node the client's first session was opened on.</summary>
    public string Node { get; }

    /// <summary>
    /// Connects through a ClusterClient to the gateways of the nodes at <see cref="BrokerClientSettings.Contacts"/>.
    /// <paramref name="system"/> must use Akka.Remote (<c>akka.actor.provider = remote</c>) to reach them.
    /// </summary>
    /// <exception cref="BrokerClientException">No node opened a session within the connect timeout.</exception>
    public static Task<BrokerClient> ConnectAsync(ActorSystem system, BrokerClientSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Contacts.Count == 0)
        {
            throw new ArgumentException("At least one contact point (a node's Akka address) is needed.", nameof(settings));
        }

        ClientSerialization.Register(system);
        var contacts = settings.Contacts.Select(ReceptionistPath).ToImmutableHashSet();
        var clusterClient = system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(system).WithInitialContacts(contacts)));
        return StartAsync(system, new GatewayRoute.ThroughClusterClient(clusterClient), clusterClient, settings, cancellationToken);
    }

    /// <summary>Connects to a gateway known by reference: the one of a broker embedded in this system, or a node's.</summary>
    /// <exception cref="BrokerClientException">The gateway opened no session within the connect timeout.</exception>
    public static Task<BrokerClient> ConnectToGatewayAsync(ActorSystem system, IActorRef gateway, BrokerClientSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(gateway);
        ClientSerialization.Register(system);
        return StartAsync(system, new GatewayRoute.Direct(gateway), null, settings ?? BrokerClientSettings.Embedded, cancellationToken);
    }

    /// <summary>Ends the client's session: its consumer actors stop and their unacknowledged deliveries go back to their queues.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _actor.GracefulStop(_settings.OperationTimeout).ConfigureAwait(false);
        }
        finally
        {
            _clusterClient?.Tell(PoisonPill.Instance);
        }
    }

    private static async Task<BrokerClient> StartAsync(ActorSystem system, GatewayRoute route, IActorRef? clusterClient, BrokerClientSettings settings, CancellationToken cancellationToken)
    {
        var confirms = new ConfirmTable();
        var actor = system.ActorOf(Props.Create(() => new ClientActor(route, settings, confirms)));
        try
        {
            var connected = await actor.Ask<ClientProtocol.Connected>(ClientProtocol.WaitConnected.Instance, settings.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            return new BrokerClient(actor, confirms, clusterClient, settings, connected.Node);
        }
        catch (AskTimeoutException error)
        {
            actor.Tell(PoisonPill.Instance);
            clusterClient?.Tell(PoisonPill.Instance);
            throw new BrokerClientException($"No broker node opened a session within {settings.ConnectTimeout}.", error);
        }
    }

    private static ActorPath ReceptionistPath(string address) =>
        ActorPath.TryParse(address.TrimEnd('/') + "/system/receptionist", out var path)
            ? path
            : throw new ArgumentException($"'{address}' is not an Akka address (akka.tcp://system@host:port).", nameof(address));

    /// <summary>Sends a request to the session and returns its reply of type <typeparamref name="T"/>.</summary>
    private async Task<T> AskAsync<T>(object request, TimeSpan? timeout = null)
    {
        object reply;
        try
        {
            reply = await _actor.Ask<object>(request, timeout ?? _settings.OperationTimeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException error)
        {
            throw new BrokerClientException($"The broker did not answer {request.GetType().Name} in time.", error);
        }

        return Replies.Expect<T>(reply);
    }
}
