namespace Tailor.Ingestion;

/// <summary>The one state every uploaded event blob ends in.</summary>
public enum BatchStatus
{
    /// <summary>Read: good rows in <c>processed/</c>, bad rows in <c>quarantine/</c>.</summary>
    Processed,

    /// <summary>The same content (by SHA-256) was processed before; nothing is counted again.</summary>
    Duplicate,

    /// <summary>Unreadable as a whole; the reason says why; nothing is written.</summary>
    Rejected,

    /// <summary>Ingestion kept failing (storage or host errors) after the trigger's retries, or its event was
    /// dead-lettered; the reason holds the last error; nothing is written. Retry re-ingests it.</summary>
    Failed,
}
