using System.IO.Compression;
using System.Text;
using Parquet;
using Parquet.Schema;
using Tailor.Events;
using Tailor.Events.Reading;

namespace Tailor.Tests.Events;

/// <summary>Builds event files for tests: text or Parquet, optionally gzipped, in a temporary folder of
/// the test's own; and parses content in memory.</summary>
internal sealed class EventTestFiles : IDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tailor-tests-" + Guid.NewGuid().ToString("N"));

    public EventTestFiles() => Directory.CreateDirectory(_folder);

    public string Text(string name, string content) => Bytes(name, Encoding.UTF8.GetBytes(content));

    public string Bytes(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? Gzip(content) : content);
        return path;
    }

    /// <summary>Writes raw bytes without compressing them, whatever the name says.</summary>
    public string Raw(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public async Task<string> ParquetAsync(string name, string[] users, string[] items, string?[] types, double?[] values, long[] timestamps)
    {
        var bytes = await ParquetBytesAsync(users, items, types, values, timestamps);
        return Bytes(name, bytes);
    }

    public static async Task<byte[]> ParquetBytesAsync(string[] users, string[] items, string?[] types, double?[] values, long[] timestamps)
    {
        var user = new DataField<string>("UserId");
        var item = new DataField<string>("item");
        var type = new DataField<string>("event_type", nullable: true);
        var value = new DataField<double?>("value");
        var ts = new DataField<long>("ts");
        using var memory = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(user, item, type, value, ts), memory))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(user, users);
            await group.WriteAsync(item, items);
            await group.WriteAsync(type, types);
            await group.WriteAsync<double>(value, (ReadOnlyMemory<double?>)values.AsMemory());
            await group.WriteAsync<long>(ts, (ReadOnlyMemory<long>)timestamps.AsMemory());
        }

        return memory.ToArray();
    }

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    public static async Task<List<InteractionEvent>> ReadAllAsync(string path, EventOptions? options = null)
    {
        var events = new List<InteractionEvent>();
        await foreach (var evt in EventFile.ReadValidAsync(path, options))
        {
            events.Add(evt);
        }

        return events;
    }

    /// <summary>Parses <paramref name="content"/> in memory as <paramref name="name"/>'s format, at <see cref="Now"/>.</summary>
    public static async Task<(List<InteractionEvent> Accepted, List<RowRejection> Rejected)> ParseAsync(
        string name, byte[] content, EventOptions? options = null)
    {
        options ??= new EventOptions();
        var validator = new EventRowValidator(options, Now);
        var accepted = new List<InteractionEvent>();
        var rejected = new List<RowRejection>();
        await using var reader = await EventRowReader.OpenAsync(new MemoryStream(content), EventFileFormat.FromName(name), validator, options, default);
        var chunk = new EventRowChunk(7);
        while (await reader.ReadAsync(chunk, default))
        {
            accepted.AddRange(chunk.Accepted);
            rejected.AddRange(chunk.Rejected);
        }

        return (accepted, rejected);
    }

    public static Task<(List<InteractionEvent> Accepted, List<RowRejection> Rejected)> ParseCsvAsync(string csv, EventOptions? options = null) =>
        ParseAsync("events.csv", Encoding.UTF8.GetBytes(csv), options);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
