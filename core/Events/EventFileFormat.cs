namespace Tailor.Events;

/// <summary>The layout of an event file's content.</summary>
public enum EventFileLayout
{
    Csv,
    JsonLines,
    Parquet,
}

/// <summary>An event file's format as its name declares it: a layout, optionally gzip-compressed.</summary>
public readonly record struct EventFileFormat(EventFileLayout Layout, bool Gzip)
{
    /// <summary>Reads the format from a file or blob name (<c>.csv</c>, <c>.jsonl</c>, <c>.parquet</c>, each
    /// optionally followed by <c>.gz</c>; case-insensitive); false when the extension is not supported.</summary>
    public static bool TryFromName(string name, out EventFileFormat format)
    {
        var span = name.AsSpan();
        var gzip = span.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        if (gzip)
        {
            span = span[..^3];
        }

        EventFileLayout? layout =
            span.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? EventFileLayout.Csv
            : span.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || span.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ? EventFileLayout.JsonLines
            : span.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? EventFileLayout.Parquet
            : null;
        format = new EventFileFormat(layout ?? default, gzip);
        return layout is not null;
    }

    /// <summary>Like <see cref="TryFromName"/>, but throws <see cref="EventFileRejectedException"/>.</summary>
    public static EventFileFormat FromName(string name) =>
        TryFromName(name, out var format)
            ? format
            : throw new EventFileRejectedException(
                $"Unsupported file extension of '{PrintableText.Escape(name, 200)}': expected .csv, .jsonl or .parquet, each optionally .gz.");

    public override string ToString() => (Layout switch
    {
        EventFileLayout.Csv => "CSV",
        EventFileLayout.JsonLines => "JSON Lines",
        _ => "Parquet",
    }) + (Gzip ? " (gzip)" : "");
}
