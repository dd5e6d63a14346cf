namespace Tailor.Events;

/// <summary>One row's fields as text, before validation, with the names the file gave them (for reasons).
/// A field whose column or property is absent has a null name.</summary>
internal ref struct RawEventRow
{
    public ReadOnlySpan<char> User;
    public ReadOnlySpan<char> Item;
    public ReadOnlySpan<char> Type;
    public ReadOnlySpan<char> Value;
    public ReadOnlySpan<char> Timestamp;
    public ReadOnlySpan<char> Recommendation;

    public string? UserSource;
    public string? ItemSource;
    public string? TypeSource;
    public string? ValueSource;
    public string? TimestampSource;
    public string? RecommendationSource;

    /// <summary>The value came from a column named <c>rating</c> (MovieLens shape when there is no type).</summary>
    public readonly bool ValueIsRating =>
        ValueSource is not null && ValueSource.Equals(EventColumns.RatingColumn, StringComparison.OrdinalIgnoreCase);
}
