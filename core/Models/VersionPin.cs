namespace Tailor.Models;

/// <summary><c>&lt;version&gt;/pin.json</c>: an administrator promoted this version by hand, so retention keeps
/// it however old it gets.</summary>
public sealed record VersionPin(string Version, DateTimeOffset PinnedUtc, string Reason);
