namespace Tailor.Serving;

/// <summary>Where serving learns items' categories and availability: in a host, the catalog loaded with the serving
/// model (<see cref="ModelItemCatalog"/>, the registered default). Without a view category filters are refused and
/// every item counts as available.</summary>
public interface IItemCatalog
{
    /// <summary>The catalog as of now, or null when none is loaded.</summary>
    ValueTask<ItemCatalogView?> GetAsync(CancellationToken cancellationToken = default);
}

/// <summary>No catalog, ever: category filters are refused and every item is available.</summary>
public sealed class NoItemCatalog : IItemCatalog
{
    public static NoItemCatalog Instance { get; } = new();

    public ValueTask<ItemCatalogView?> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<ItemCatalogView?>(null);
}

/// <summary>A fixed catalog view, for tests and the CLI.</summary>
public sealed class FixedItemCatalog(ItemCatalogView? view) : IItemCatalog
{
    public ValueTask<ItemCatalogView?> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(view);
}
