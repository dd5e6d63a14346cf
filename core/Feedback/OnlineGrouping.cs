namespace Tailor.Feedback;

/// <summary>The columns online metrics can be grouped by (<c>by=</c>), spelled once.</summary>
public static class OnlineGrouping
{
    public const string Version = "version";
    public const string Strategy = "strategy";
    public const string Variant = "variant";
    public const string Segment = "segment";
    public const string Hour = "hour";
    public const string Day = "day";

    public static IReadOnlyList<string> All { get; } = [Version, Strategy, Variant, Segment, Hour, Day];

    public static IReadOnlyList<string> Default { get; } = [Version, Strategy, Variant];

    /// <summary>Parses a comma-separated list (empty: <see cref="Default"/>); null naming the bad entry in <paramref name="error"/>.</summary>
    public static IReadOnlyList<string>? TryParse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }

        var parsed = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.ToLowerInvariant();
            if (!All.Contains(name))
            {
                error = $"'{part}' is not a grouping; use a comma-separated list of {string.Join(", ", All)}";
                return null;
            }

            if (!parsed.Contains(name))
            {
                parsed.Add(name);
            }
        }

        if (parsed.Contains(Hour) && parsed.Contains(Day))
        {
            error = "hour and day cannot both be given";
            return null;
        }

        return parsed.Count == 0 ? Default : parsed;
    }
}
