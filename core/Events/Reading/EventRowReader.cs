namespace Tailor.Events.Reading;

/// <summary>Opens a <see cref="RowReader{T}"/> of events: the event columns, validated by <see cref="EventRowValidator"/>.</summary>
internal static class EventRowReader
{
    /// <summary>Opens a reader over <paramref name="content"/> (which it owns and disposes).</summary>
    public static ValueTask<RowReader<InteractionEvent>> OpenAsync(
        Stream content, EventFileFormat format, EventRowValidator validator, EventOptions options, CancellationToken cancellationToken) =>
        RowReader<InteractionEvent>.OpenAsync(content, format, validator, options.MaxUncompressedBytes, cancellationToken);
}
