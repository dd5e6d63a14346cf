using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using Tailor.Events;
using Tailor.Serving;

namespace Tailor.Functions.Http;

/// <summary>Reads and validates the options every recommendation route takes (<c>count</c>, <c>offset</c>,
/// <c>category</c>, <c>exclude</c>, <c>explain</c>, <c>diversity</c>, <c>available</c>) from the query string or a body, against
/// the limits of <see cref="RecommendationRequest"/> and <see cref="ServingOptions"/>. Returns the problem to
/// answer with (naming the parameter), or null when valid.</summary>
public static class RecommendationParameters
{
    public const string Offset = "offset";
    public const string Category = "category";
    public const string Exclude = "exclude";
    public const string Explain = "explain";
    public const string Diversity = "diversity";
    public const string Available = "available";

    /// <summary>The rule of <c>offset</c> + <c>count</c>, in words.</summary>
    public static string WindowRule { get; } = $"offset + count must be at most {RecommendationRequest.MaxWindow}";

    /// <summary>Reads the query of a <c>GET</c> recommendation route.</summary>
    public static IActionResult? TryRead(HttpRequest request, ServingOptions options, out RecommendationRequest read)
    {
        read = RecommendationRequest.Top(options.DefaultCount);
        if (RequestParameters.TryReadCount(request, options, out var count) is { } badCount)
        {
            return badCount;
        }

        var query = request.Query;
        var offset = 0;
        if (query.TryGetValue(Offset, out var offsets)
            && (offsets.Count != 1 || !int.TryParse(offsets[0], NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
        {
            return Problem.InvalidParameter(Offset, $"must be one integer from 0 to {RecommendationRequest.MaxWindow - 1}");
        }

        var explain = false;
        if (query.TryGetValue(Explain, out var explains) && (explains.Count != 1 || !bool.TryParse(explains[0], out explain)))
        {
            return Problem.InvalidParameter(Explain, "must be true or false");
        }

        var diversity = 0f;
        if (query.TryGetValue(Diversity, out var diversities)
            && (diversities.Count != 1 || !float.TryParse(diversities[0], NumberStyles.Float, CultureInfo.InvariantCulture, out diversity)))
        {
            return Problem.InvalidParameter(Diversity, DiversityRule);
        }

        var available = true;
        if (query.TryGetValue(Available, out var availables) && (availables.Count != 1 || !bool.TryParse(availables[0], out available)))
        {
            return Problem.InvalidParameter(Available, "must be true or false");
        }

        return Check(count, offset, Values(query[Category]), SplitExclude(query[Exclude]), explain, diversity, options, out read, available);
    }

    /// <summary>Checks the options as a body or a query gave them and builds the request.</summary>
    public static IActionResult? Check(
        int count, int offset, IReadOnlyList<string?> categories, IReadOnlyList<string?> exclude, bool explain, float diversity,
        ServingOptions options, out RecommendationRequest read, bool available = true)
    {
        read = RecommendationRequest.Top(options.DefaultCount);
        if (RequestParameters.CheckCount(count, options) is { } badCount)
        {
            return badCount;
        }

        if (offset < 0 || offset + count > RecommendationRequest.MaxWindow)
        {
            return Problem.InvalidParameter(Offset, $"must be at least 0, and {WindowRule}; was {offset} with count {count}");
        }

        if (CheckIds(Category, categories, RecommendationRequest.MaxCategories) is { } badCategory)
        {
            return badCategory;
        }

        if (CheckIds(Exclude, exclude, RecommendationRequest.MaxExclude) is { } badExclude)
        {
            return badExclude;
        }

        if (!float.IsFinite(diversity) || diversity < RecommendationRequest.MinDiversity || diversity > RecommendationRequest.MaxDiversity)
        {
            return Problem.InvalidParameter(Diversity, DiversityRule);
        }

        // The plain top-count page, the common request, is a shared instance.
        read = offset == 0 && categories.Count == 0 && exclude.Count == 0 && !explain && diversity == 0f && available
            ? RecommendationRequest.Top(count)
            : new RecommendationRequest
            {
                Count = count,
                Offset = offset,
                Categories = Checked(categories),
                Exclude = Checked(exclude),
                Explain = explain,
                Diversity = diversity,
                AvailableOnly = available,
            };
        return null;
    }

    private static string DiversityRule { get; } =
        $"must be a number from {RecommendationRequest.MinDiversity.ToString(CultureInfo.InvariantCulture)} to {RecommendationRequest.MaxDiversity.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A query parameter's values (none when it is absent).</summary>
    private static string?[] Values(StringValues values) => values.Count == 0 ? [] : values.ToArray();

    /// <summary>Ids that <see cref="CheckIds"/> accepted (none is null).</summary>
    private static string[] Checked(IReadOnlyList<string?> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var values = new string[ids.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ids[i]!;
        }

        return values;
    }

    /// <summary><c>exclude=i1,i2</c>; repeating the parameter adds to the list.</summary>
    private static string?[] SplitExclude(StringValues values)
    {
        if (values.Count == 0)
        {
            return [];
        }

        var ids = new List<string?>();
        foreach (var value in values)
        {
            ids.AddRange((value ?? "").Split(','));
        }

        return [.. ids];
    }

    private static IActionResult? CheckIds(string name, IReadOnlyList<string?> values, int max)
    {
        if (values.Count > max)
        {
            return Problem.InvalidParameter(name, $"may hold at most {max} values, has {values.Count}");
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!EntityId.IsValid(values[i]))
            {
                return Problem.InvalidParameter(name, $"value {i + 1} must be {EntityId.Rule}");
            }
        }

        return null;
    }
}
