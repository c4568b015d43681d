using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>
/// Every route of the management API, one group per resource. A new group is a static class in this folder
/// with a <c>Map(RouteGroupBuilder api)</c> method (routes under /api, authenticated) or a
/// <c>Map(IEndpointRouteBuilder root)</c> method (open routes such as /metrics), plus one line here.
/// </summary>
internal static class ManagementEndpoints
{
    public static void Map(IEndpointRouteBuilder root)
    {
        var api = root.MapGroup("/api");
        OverviewEndpoints.Map(api);
        NodeEndpoints.Map(api);
        VirtualHostEndpoints.Map(api);
        QueueEndpoints.Map(api);
        QueueMessageEndpoints.Map(api);
        ExchangeEndpoints.Map(api);
        BindingEndpoints.Map(api);
        ConnectionEndpoints.Map(api);
        ConsumerEndpoints.Map(api);
        HealthEndpoints.Map(root);
        MetricsEndpoints.Map(root);
        WebConsole.ConsoleEndpoints.Map(root);
        DefinitionsEndpoints.Map(api);
        PoliciesEndpoints.Map(api);
        SchemaEndpoints.Map(api);
        UsersEndpoints.Map(api);
        PermissionsEndpoints.Map(api);
    }
}
