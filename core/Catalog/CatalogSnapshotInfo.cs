namespace Tailor.Catalog;

/// <summary>The merged item catalog a model was trained with (a blob in the snapshots container).</summary>
/// <param name="BlobName">The merged catalog Parquet blob (<c>ItemCatalog.LoadAsync</c> reads it).</param>
/// <param name="Items">Items known, unavailable ones included.</param>
/// <param name="AvailableItems">Items not marked unavailable.</param>
/// <param name="Batches">Processed catalog batches merged.</param>
public sealed record CatalogSnapshotInfo(string BlobName, int Items, int AvailableItems, int Batches);
