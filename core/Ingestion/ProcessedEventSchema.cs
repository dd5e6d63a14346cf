using Parquet.Schema;

namespace Tailor.Ingestion;

/// <summary>The Parquet layout of processed events: <c>user_id</c>, <c>item_id</c>, <c>event_type</c> (strings),
/// <c>value</c> (nullable double), <c>weight</c> (float), <c>timestamp</c> (UTC, microseconds), <c>recommendation_id</c>
/// (nullable string, always written; batches written before it existed lack it and read as no id). Readers use it
/// through Parquet.Net; <see cref="ProcessedEventWriter"/> writes the same layout with its own encoder.</summary>
internal static class ProcessedEventSchema
{
    public static readonly DataField<string> UserId = new("user_id");
    public static readonly DataField<string> ItemId = new("item_id");
    public static readonly DataField<string> EventType = new("event_type");
    public static readonly DataField<double?> Value = new("value");
    public static readonly DataField<float> Weight = new("weight");
    public static readonly DateTimeDataField Timestamp = new("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros);

    public static readonly DataField<string> RecommendationId = new("recommendation_id", nullable: true);

    public static readonly ParquetSchema Schema = new(UserId, ItemId, EventType, Value, Weight, Timestamp, RecommendationId);

    /// <summary>Rows per row group: large enough for good compression, small enough for bounded memory.</summary>
    public const int RowGroupSize = 256 * 1024;
}
