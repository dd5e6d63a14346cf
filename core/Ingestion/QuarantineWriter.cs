using System.Text.Encodings.Web;
using System.Text.Json;
using Tailor.Events;

namespace Tailor.Ingestion;

/// <summary>Writes rejected rows as JSON Lines: <c>{"line":12,"reason":"…","raw":"…"}</c>, raw cut to 1 KB; without
/// <c>raw</c> when <paramref name="keepRaw"/> is false (pseudonymized user ids: a raw row may hold a raw user id).</summary>
internal sealed class QuarantineWriter(Stream stream, bool keepRaw = true) : IAsyncDisposable
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Utf8JsonWriter _json = new(stream, s_options);

    public long Written { get; private set; }

    public async ValueTask AddAsync(RowRejection rejection, CancellationToken cancellationToken)
    {
        _json.WriteStartObject();
        _json.WriteNumber("line"u8, rejection.Line);
        _json.WriteString("reason"u8, rejection.Reason);
        if (keepRaw)
        {
            _json.WriteString("raw"u8, rejection.Raw);
        }

        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        _json.Reset();
        stream.WriteByte((byte)'\n');
        Written++;
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _json.DisposeAsync();
}
