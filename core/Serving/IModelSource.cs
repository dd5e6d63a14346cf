namespace Tailor.Serving;

/// <summary>Where <see cref="RecommendationService"/> gets the model to serve; <see cref="ModelCache"/> in
/// production, a fixed model in tests and in the CLI.</summary>
public interface IModelSource
{
    /// <summary>The model to serve now, or null when there is none.</summary>
    ValueTask<LoadedModel?> GetAsync(CancellationToken cancellationToken = default);
}

/// <summary>Serves one model that never changes.</summary>
public sealed class FixedModelSource(LoadedModel? model) : IModelSource
{
    public ValueTask<LoadedModel?> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(model);
}
