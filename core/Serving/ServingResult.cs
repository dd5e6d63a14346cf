namespace Tailor.Serving;

public enum ServingStatus
{
    Ok,

    /// <summary>No model has been promoted (or none could be loaded): the API answers 503.</summary>
    NoModel,

    /// <summary>The requested item does not exist in the serving model: the API answers 404.</summary>
    NotFound,

    /// <summary>The request filters by category but no item catalog is loaded: the API answers 400 naming <c>category</c>.</summary>
    NoCatalog,
}

/// <summary>A serving answer, or the typed reason there is none.</summary>
public readonly record struct ServingResult<T>(ServingStatus Status, T? Value)
    where T : class
{
    public static ServingResult<T> Ok(T value) => new(ServingStatus.Ok, value);

    public static ServingResult<T> NoModel => new(ServingStatus.NoModel, null);

    public static ServingResult<T> NotFound => new(ServingStatus.NotFound, null);

    public static ServingResult<T> NoCatalog => new(ServingStatus.NoCatalog, null);
}
