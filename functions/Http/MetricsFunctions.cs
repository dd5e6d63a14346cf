using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tailor.Feedback;
using Tailor.Serving;

namespace Tailor.Functions.Http;

/// <summary><c>GET metrics/online</c>: click-through, conversion, hit rate, coverage and value of the lists served in a
/// time range, from the impressions store joined with later events.</summary>
public sealed class MetricsFunctions(OnlineMetricsService metrics, RecommendationService recommendations, TimeProvider time)
{
    /// <summary>Longest range one request may ask for.</summary>
    public const int MaxRangeDays = 31;

    [Function("GetOnlineMetrics")]
    public async Task<IActionResult> Online(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "metrics/online")] HttpRequest req)
    {
        var now = time.GetUtcNow();
        if (ReadTime(req, "to", now, out var to) is { } badTo)
        {
            return badTo;
        }

        if (ReadTime(req, "from", to.AddDays(-1), out var from) is { } badFrom)
        {
            return badFrom;
        }

        if (from >= to)
        {
            return Problem.InvalidParameter("from", "must be before to");
        }

        if (to - from > TimeSpan.FromDays(MaxRangeDays))
        {
            return Problem.InvalidParameter("from", $"must be at most {MaxRangeDays} days before to");
        }

        var by = OnlineGrouping.TryParse(req.Query["by"].ToString(), out var error);
        if (by is null)
        {
            return Problem.InvalidParameter("by", error!);
        }

        var cancellationToken = req.HttpContext.RequestAborted;
        var current = await recommendations.GetCurrentModelAsync(cancellationToken);
        var table = await metrics.ComputeAsync(from, to, by, current.Value?.Items, cancellationToken);
        return new JsonResponse<OnlineMetricsTable>(table, HttpJsonContext.Default.OnlineMetricsTable);
    }

    private static IActionResult? ReadTime(HttpRequest req, string name, DateTimeOffset fallback, out DateTimeOffset value)
    {
        value = fallback;
        if (!req.Query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count != 1 || !DateTimeOffset.TryParse(values[0], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            return Problem.InvalidParameter(name, "must be an ISO 8601 date and time, e.g. 2026-01-31T00:00:00Z");
        }

        return null;
    }
}
