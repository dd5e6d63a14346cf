namespace Tailor.Ingestion;

/// <summary>How batch states are spelled in the batches table, the HTTP API and the CLI.</summary>
public static class BatchStatusNames
{
    public const string Processed = "processed";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
    public const string Failed = "failed";

    /// <summary>Every state, in the order they are documented.</summary>
    public static IReadOnlyList<string> All { get; } = [Processed, Duplicate, Rejected, Failed];

    public static string Of(BatchStatus status) => status switch
    {
        BatchStatus.Processed => Processed,
        BatchStatus.Duplicate => Duplicate,
        BatchStatus.Failed => Failed,
        _ => Rejected,
    };

    /// <summary>Reads a state as spelled here; false for anything else.</summary>
    public static bool TryParse(string? text, out BatchStatus status)
    {
        (var known, status) = text switch
        {
            Processed => (true, BatchStatus.Processed),
            Duplicate => (true, BatchStatus.Duplicate),
            Failed => (true, BatchStatus.Failed),
            Rejected => (true, BatchStatus.Rejected),
            _ => (false, BatchStatus.Rejected),
        };
        return known;
    }
}
