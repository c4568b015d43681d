namespace ActorBroker.Management.Resources;

/// <summary>
/// The body of every error response. <paramref name="Error"/> is a stable machine-readable code
/// (bad_request, unauthorized, forbidden, not_found, method_not_allowed, conflict, precondition_failed,
/// unsupported_media_type, not_ready, internal_error); <paramref name="Reason"/> says what went wrong in words a user can act on.
/// </summary>
public sealed record ErrorBody(string Error, string Reason);
