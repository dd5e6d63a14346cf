using System.Text;
using FsCheck.Xunit;
using Tailor.Events;
using Tailor.Ingestion;
using Tailor.Tests.Events;

namespace Tailor.Tests.Ingestion;

public sealed class EventBatchParserProperties
{
    private static readonly string[] s_names =
        ["e.csv", "e.csv.gz", "e.jsonl", "e.jsonl.gz", "e.parquet", "e.parquet.gz"];

    private static ParsedBatch Parse(string name, byte[] content)
    {
        var parsed = EventBatchParser.ParseAsync(new MemoryStream(content), EventFileFormat.FromName(name), new EventOptions(),
            EventTestFiles.Now, default).GetAwaiter().GetResult();
        parsed.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return parsed;
    }

    private static bool CountsAddUp(ParsedBatch parsed) =>
        parsed.Accepted + parsed.Quarantined + parsed.DuplicateRows == parsed.Rows;

    /// <summary>Arbitrary bytes, raw or behind something that gets past the first check (gzip magic, a CSV header,
    /// PAR1, a JSON object line): every format either reads rows whose counts add up or rejects the file cleanly
    /// (the parser returns a rejection reason; any exception fails the property).</summary>
    [Property(MaxTest = 300)]
    public bool Parser_never_throws_on_arbitrary_bytes(byte[] bytes, byte format, byte prefix)
    {
        var name = s_names[format % s_names.Length];
        byte[] head = (prefix % 5) switch
        {
            0 => [],
            1 => [0x1F, 0x8B],
            2 => "user,item,type,ts\n"u8.ToArray(),
            3 => "PAR1"u8.ToArray(),
            _ => "{\"user\":\"u\",\"item\":\"i\"}\n"u8.ToArray(),
        };

        var parsed = Parse(name, [.. head, .. bytes ?? []]);

        return parsed.RejectionReason is not null || CountsAddUp(parsed);
    }

    /// <summary>Well-formed CSV whose fields are drawn from small pools of valid and invalid values, against a
    /// naive reference: a row is valid when all its fields are; valid rows count once per distinct
    /// (user, item, type, timestamp); the rest are duplicates; invalid rows are quarantined.</summary>
    [Property(MaxTest = 200)]
    public bool Accepted_quarantined_and_duplicate_rows_add_up_to_the_rows_read((byte User, byte Item, byte Type, byte Time)[] rows, bool gzip)
    {
        string?[] users = ["u1", "u2", "u3", ""];
        string?[] items = ["i1", "i2", new string('x', 129)];
        string?[] types = ["view", "CLICK", "bogus"];
        string?[] times = ["1717200000", "2024-06-01T00:00:01Z", "1717200002000", "later", "-5"];
        rows ??= [];
        var csv = new StringBuilder("user_id,item_id,event_type,timestamp\n");
        var valid = new List<(string?, string?, string?, string?)>();
        var invalid = 0;
        foreach (var (u, i, t, s) in rows)
        {
            var row = (users[u % users.Length], items[i % items.Length], types[t % types.Length], times[s % times.Length]);
            csv.Append(row.Item1).Append(',').Append(row.Item2).Append(',').Append(row.Item3).Append(',').Append(row.Item4).Append('\n');
            if (u % users.Length == 3 || i % items.Length == 2 || t % types.Length == 2 || s % times.Length >= 3)
            {
                invalid++;
            }
            else
            {
                valid.Add((row.Item1, row.Item2, row.Item3!.ToLowerInvariant(), row.Item4));
            }
        }

        var content = Encoding.UTF8.GetBytes(csv.ToString());
        var parsed = Parse(gzip ? "e.csv.gz" : "e.csv", gzip ? EventTestFiles.Gzip(content) : content);

        var distinct = valid.Distinct().Count();
        var expectRejected = rows.Length == 0 || (double)invalid / rows.Length > 0.5;
        return CountsAddUp(parsed)
            && parsed.Rows == rows.Length
            && parsed.Quarantined == invalid
            && parsed.Accepted == distinct
            && parsed.DuplicateRows == valid.Count - distinct
            && (parsed.RejectionReason is not null) == expectRejected;
    }
}
