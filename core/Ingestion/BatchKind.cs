using Azure.Storage.Blobs;
using Tailor.Storage;

namespace Tailor.Ingestion;

/// <summary>
/// What a batch holds and where it lives: event files (container <c>events</c>) or item catalog files
/// (container <c>catalog</c>). Kinds share the batches table and the batch states; they differ in
/// <list type="bullet">
/// <item>the partition of content records (<c>batch</c> for events, which training reads; <c>catalog-batch</c>),
/// so the same bytes uploaded as events and as a catalog are two batches, and event readers never see catalog batches;</item>
/// <item>the upload record's key: the blob name for events, <c>&lt;kind&gt;/&lt;name&gt;</c> otherwise, all in
/// partition <c>upload</c>, so <c>GET batches</c> lists every kind (each record names its <see cref="BatchOutcome.Kind"/>);</item>
/// <item>the prefix of processed and quarantine blobs (<c>catalog/</c>).</item>
/// </list>
/// </summary>
public sealed class BatchKind
{
    private readonly Func<StorageOptions, string> _container;

    private BatchKind(string name, string batchPartition, string processedPrefix, Func<StorageOptions, string> container)
    {
        Name = name;
        BatchPartition = batchPartition;
        ProcessedPrefix = processedPrefix;
        _container = container;
    }

    public static BatchKind Events { get; } = new("events", BatchTable.BatchPartition, "", o => o.EventsContainer);

    public static BatchKind Catalog { get; } = new("catalog", "catalog-batch", "catalog/", o => o.CatalogContainer);

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<BatchKind> All { get; } = [Events, Catalog];

    /// <summary>The kind's name as recorded (column <c>Kind</c>; a record without it is events).</summary>
    public string Name { get; }

    /// <summary>Table partition of the kind's content records (row key = content hash).</summary>
    public string BatchPartition { get; }

    /// <summary>Prefix of the kind's blobs in the processed and quarantine containers.</summary>
    public string ProcessedPrefix { get; }

    /// <summary>The container the kind's files are uploaded to.</summary>
    public string ContainerName(StorageOptions options) => _container(options);

    public BlobContainerClient Container(TailorStorage storage) => storage.Blobs.GetBlobContainerClient(ContainerName(storage.Options));

    /// <summary>The kind named <paramref name="name"/>; events for null or unknown (records written before kinds).</summary>
    public static BatchKind FromName(string? name) =>
        string.Equals(name, Catalog.Name, StringComparison.Ordinal) ? Catalog : Events;

    /// <summary>The name an upload is recorded under: the blob name for events, else prefixed by the kind.</summary>
    internal string UploadName(string blobName) => ReferenceEquals(this, Events) ? blobName : Name + "/" + blobName;

    public override string ToString() => Name;
}
