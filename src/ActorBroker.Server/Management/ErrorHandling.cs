using System.Text.Json;
using ActorBroker.Broker.Errors;
using ActorBroker.Management.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Management;

/// <summary>
/// Makes every failure of the management API an <see cref="ErrorBody"/> with the right status: refusals
/// (<see cref="ApiException"/>), broker errors, malformed JSON, unknown routes (404), wrong methods (405) and
/// bugs (500, logged, no stack trace in the body).
/// </summary>
internal static partial class ErrorHandling
{
    public static void UseManagementErrors(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ActorBroker.Server.Management");
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Every failure of a request must become an error response, never a dropped connection.
            catch (Exception error) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
#pragma warning restore CA1031
            {
                var (status, body) = Describe(error);
                if (status == StatusCodes.Status500InternalServerError)
                {
                    LogUnhandled(logger, context.Request.Method, context.Request.Path, error);
                }

                context.Response.Clear();
                await WriteAsync(context.Response, status, body).ConfigureAwait(false);
            }
        });

        // Routing answers unknown paths and wrong methods with an empty body; give them one.
        app.UseStatusCodePages(context => context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => WriteAsync(context.HttpContext.Response, StatusCodes.Status404NotFound,
                new ErrorBody("not_found", $"There is no resource at {context.HttpContext.Request.Path}.")),
            StatusCodes.Status405MethodNotAllowed => WriteAsync(context.HttpContext.Response, StatusCodes.Status405MethodNotAllowed,
                new ErrorBody("method_not_allowed", $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}.")),
            _ => Task.CompletedTask,
        });
    }

    /// <summary>Writes an error body with its status.</summary>
    public static Task WriteAsync(HttpResponse response, int status, ErrorBody body)
    {
        response.StatusCode = status;
        return response.WriteAsJsonAsync(body, ManagementJson.Options);
    }

    private static (int Status, ErrorBody Body) Describe(Exception error) => error switch
    {
        ApiException api => (api.Status, new ErrorBody(api.Error, api.Message)),
        BrokerException { Code: BrokerErrorCode.ChannelClosed, InnerException: BrokerException cause } => Describe(cause),
        BrokerException broker => FromBroker(broker),
        BadHttpRequestException { InnerException: JsonException json } => (StatusCodes.Status400BadRequest, new ErrorBody("bad_request", $"The body is not valid JSON: {json.Message}")),
        BadHttpRequestException bad => (bad.StatusCode, new ErrorBody("bad_request", bad.Message)),
        TimeoutException => (StatusCodes.Status500InternalServerError, new ErrorBody("internal_error", "The broker did not answer in time.")),
        _ => (StatusCodes.Status500InternalServerError, new ErrorBody("internal_error", "The node failed to handle the request; the node's log has the details.")),
    };

    private static (int Status, ErrorBody Body) FromBroker(BrokerException error) => error.Code switch
    {
        BrokerErrorCode.NotFound => (StatusCodes.Status404NotFound, new ErrorBody("not_found", error.Message)),
        BrokerErrorCode.PreconditionFailed => (StatusCodes.Status409Conflict, new ErrorBody("precondition_failed", error.Message)),
        BrokerErrorCode.ResourceLocked => (StatusCodes.Status409Conflict, new ErrorBody("conflict", error.Message)),
        BrokerErrorCode.AccessRefused => (StatusCodes.Status403Forbidden, new ErrorBody("forbidden", error.Message)),
        BrokerErrorCode.InvalidArgument => (StatusCodes.Status400BadRequest, new ErrorBody("bad_request", error.Message)),
        _ => (StatusCodes.Status500InternalServerError, new ErrorBody("internal_error", error.Message)),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Management API request {Method} {Path} failed.")]
    private static partial void LogUnhandled(ILogger logger, string method, PathString path, Exception error);
}
