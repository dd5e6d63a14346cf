namespace Tailor.Catalog;

/// <summary>One item of the catalog, as its latest upload describes it.</summary>
/// <param name="ItemId">The item's id (the same id events use; <see cref="Tailor.Events.EntityId"/> rule).</param>
/// <param name="Title">Display title; null when the file has none.</param>
/// <param name="Categories">Categories in file order, without repeats (<c>categories</c> or <c>genres</c>, <c>|</c>-separated).</param>
/// <param name="Tags">Tags in file order, without repeats (<c>|</c>-separated).</param>
/// <param name="Available">False hides the item from recommendations; true when the file does not say.</param>
/// <param name="Created">When the item was created, if known.</param>
/// <param name="Description">Free text; null when absent.</param>
/// <param name="Attributes">Numeric attributes: every other column whose values in the batch are all numbers.</param>
public sealed record CatalogItem(
    string ItemId,
    string? Title,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Tags,
    bool Available,
    DateTimeOffset? Created,
    string? Description,
    IReadOnlyDictionary<string, double> Attributes);
