namespace Tailor.Pipeline;

/// <summary>The stored flag: <c>open</c> or <c>closed</c>, whether a request is pending, and when it changed.</summary>
public sealed record TrainingRequestFlag(string State, bool Pending, DateTimeOffset UpdatedAt)
{
    public const string Open = "open";
    public const string Closed = "closed";
}
