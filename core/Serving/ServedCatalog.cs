using Azure;
using Tailor.Catalog;

namespace Tailor.Serving;

/// <summary>The item catalog served with a model: its view (projected onto the model's items when loaded) and
/// where it came from, so the cache can tell when the published catalog has moved on.</summary>
/// <param name="View">Categories and availability, as requests read them.</param>
/// <param name="BlobName">The blob it was read from (the manifest's snapshot, or the current catalog).</param>
/// <param name="ETag">The current catalog's ETag when read from it; null for the manifest's snapshot.</param>
/// <param name="Batches">Catalog batches merged into it.</param>
/// <param name="Items">The catalog itself (titles, tags, dates), from which serving learns the cold items' content; null in tests that need only the view.</param>
public sealed record ServedCatalog(ItemCatalogView View, string BlobName, ETag? ETag, int Batches, ItemCatalog? Items = null);
