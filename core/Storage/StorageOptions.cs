using System.ComponentModel.DataAnnotations;

namespace Tailor.Storage;

/// <summary>Where Tailor keeps its data. Names are configurable so that tests can own theirs.</summary>
public sealed record StorageOptions
{
    public const string Section = "Tailor:Storage";

    /// <summary>Connection string (Azurite: <c>UseDevelopmentStorage=true</c>); empty in Azure, where
    /// <see cref="BlobServiceUri"/> and <see cref="TableServiceUri"/> with a managed identity are used.</summary>
    public string? ConnectionString { get; init; }

    public Uri? BlobServiceUri { get; init; }

    public Uri? TableServiceUri { get; init; }

    /// <summary>Queue endpoint for a managed identity; derived from <see cref="BlobServiceUri"/> when not given.</summary>
    public Uri? QueueServiceUri { get; init; }

    [Required, RegularExpression(ContainerName)] public string EventsContainer { get; init; } = "events";
    [Required, RegularExpression(ContainerName)] public string CatalogContainer { get; init; } = "catalog";
    [Required, RegularExpression(ContainerName)] public string ProcessedContainer { get; init; } = "processed";
    [Required, RegularExpression(ContainerName)] public string QuarantineContainer { get; init; } = "quarantine";
    [Required, RegularExpression(ContainerName)] public string ModelsContainer { get; init; } = "models";
    [Required, RegularExpression(ContainerName)] public string SnapshotsContainer { get; init; } = "snapshots";
    [Required, RegularExpression(ContainerName)] public string DeadLetterContainer { get; init; } = "events-deadletter";

    /// <summary>Served lists (impressions), one JSON Lines append blob per process and hour; holds user ids.</summary>
    [Required, RegularExpression(ContainerName)] public string ImpressionsContainer { get; init; } = "impressions";
    [Required, RegularExpression(TableName)] public string BatchesTable { get; init; } = "batches";
    [Required, RegularExpression(TableName)] public string ProfilesTable { get; init; } = "profiles";

    /// <summary>Each user's recent events not yet in a promoted model (one row per user: the fresh-history store).</summary>
    [Required, RegularExpression(TableName)] public string FreshTable { get; init; } = "fresh";

    /// <summary>Where the blob trigger puts a blob whose ingestion failed on every retry (the name the
    /// Functions blob extension uses; configurable only so that tests own theirs).</summary>
    [Required, RegularExpression(ContainerName)] public string PoisonQueue { get; init; } = "webjobs-blobtrigger-poison";

    /// <summary>How long start-up keeps trying to create the containers, tables and queue before it logs an
    /// error and goes on (requests then report the storage failure).</summary>
    [Range(1, 600)] public int ProvisionTimeoutSeconds { get; init; } = 60;

    private const string ContainerName = "^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$";
    private const string TableName = "^[A-Za-z][A-Za-z0-9]{2,62}$";

    /// <summary>The same layout with every container and table name made unique by <paramref name="suffix"/>
    /// (lowercase letters and digits), for tests that must own their data.</summary>
    public StorageOptions WithSuffix(string suffix) => this with
    {
        EventsContainer = $"{EventsContainer}-{suffix}",
        CatalogContainer = $"{CatalogContainer}-{suffix}",
        ProcessedContainer = $"{ProcessedContainer}-{suffix}",
        QuarantineContainer = $"{QuarantineContainer}-{suffix}",
        ModelsContainer = $"{ModelsContainer}-{suffix}",
        SnapshotsContainer = $"{SnapshotsContainer}-{suffix}",
        DeadLetterContainer = $"{DeadLetterContainer}-{suffix}",
        ImpressionsContainer = $"{ImpressionsContainer}-{suffix}",
        BatchesTable = $"{BatchesTable}{suffix}",
        ProfilesTable = $"{ProfilesTable}{suffix}",
        FreshTable = $"{FreshTable}{suffix}",
        PoisonQueue = $"{PoisonQueue}-{suffix}",
    };
}
