using Microsoft.Extensions.Logging;

namespace Tailor.Hosting;

/// <summary>
/// The log categories of the libraries Tailor runs on that are noise below Warning: the Azure SDK logs every
/// storage request and response at Information (and expected 404s and 409s at Warning), the Durable Task
/// Framework its partition and queue housekeeping. host.json holds the same categories for the Functions
/// host; the worker and the CLI filter their own loggers with <see cref="AddLibraryLogFilters"/>.
/// </summary>
public static class LibraryLogFilters
{
    public static IReadOnlyList<string> Categories { get; } =
    [
        "Azure.Core",
        "Azure.Storage",
        "Azure.Identity",
        "DurableTask.AzureStorage",
        "DurableTask.Core",
    ];

    /// <summary>Logs of <see cref="Categories"/> below <paramref name="minimum"/> are dropped.</summary>
    public static ILoggingBuilder AddLibraryLogFilters(this ILoggingBuilder logging, LogLevel minimum = LogLevel.Warning)
    {
        foreach (var category in Categories)
        {
            logging.AddFilter(category, minimum);
        }

        return logging;
    }
}
