namespace Tailor.Serving;

/// <summary>The registered <see cref="IItemCatalog"/>: the catalog loaded with the serving model
/// (<see cref="LoadedModel.Catalog"/>, refreshed by <see cref="ModelCache"/>); none while no model is serving or
/// when the serving model was trained without a catalog.</summary>
public sealed class ModelItemCatalog(IModelSource models) : IItemCatalog
{
    public async ValueTask<ItemCatalogView?> GetAsync(CancellationToken cancellationToken = default) =>
        (await models.GetAsync(cancellationToken).ConfigureAwait(false))?.Catalog?.View;
}
