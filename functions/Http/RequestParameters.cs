using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tailor.Events;
using Tailor.Serving;

namespace Tailor.Functions.Http;

/// <summary>Boundary validation of ids and counts; returns the problem to answer with, or null when valid.</summary>
public static class RequestParameters
{
    public const int MaxSessionItems = 1000;
    public const int MaxReasonLength = 500;

    /// <summary>Reads <c>?count=</c>: absent means <see cref="ServingOptions.DefaultCount"/>; otherwise an
    /// integer from 1 to <see cref="ServingOptions.MaxCount"/>.</summary>
    public static IActionResult? TryReadCount(HttpRequest request, ServingOptions options, out int count)
    {
        count = options.DefaultCount;
        if (!request.Query.TryGetValue("count", out var values))
        {
            return null;
        }

        if (values.Count != 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            return Problem.InvalidParameter("count", $"must be one integer between 1 and {options.MaxCount}");
        }

        return CheckCount(count, options);
    }

    /// <summary>Reads the optional <c>?reason=</c> an admin operation records (at most 500 characters);
    /// absent or empty means <paramref name="fallback"/>.</summary>
    public static IActionResult? TryReadReason(HttpRequest request, string fallback, out string reason)
    {
        reason = request.Query["reason"].ToString();
        if (reason.Length > MaxReasonLength)
        {
            return Problem.InvalidParameter("reason", $"must be at most {MaxReasonLength} characters");
        }

        if (reason.Length == 0)
        {
            reason = fallback;
        }

        return null;
    }

    public static IActionResult? CheckCount(int count, ServingOptions options) =>
        count < 1 || count > options.MaxCount
            ? Problem.InvalidParameter("count", $"must be between 1 and {options.MaxCount}, was {count}")
            : null;

    /// <summary>Checks a route id against <see cref="EntityId"/>, the rule event files follow too.</summary>
    public static IActionResult? CheckId(string name, string? value) =>
        EntityId.IsValid(value) ? null : Problem.InvalidParameter(name, "must be " + EntityId.Rule);
}
