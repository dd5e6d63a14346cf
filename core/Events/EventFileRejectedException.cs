namespace Tailor.Events;

/// <summary>An event file that cannot be read as a whole (wrong format, truncated, no usable columns,
/// too many bad rows, too large). <see cref="Exception.Message"/> is the human-readable reason.</summary>
public sealed class EventFileRejectedException : Exception
{
    public EventFileRejectedException()
    {
    }

    public EventFileRejectedException(string reason)
        : base(reason)
    {
    }

    public EventFileRejectedException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }

    /// <summary>The reason, as recorded for a rejected batch.</summary>
    public string Reason => Message;
}
