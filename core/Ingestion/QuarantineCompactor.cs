using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Tailor.Storage;

namespace Tailor.Ingestion;

/// <summary>
/// Removes quarantine lines (<c>{"line":…,"reason":…,"raw":…}</c>, see <see cref="QuarantineWriter"/>) that
/// mention any of some users' ids: a line goes when its reason or its raw row contains an id as text. Rows are
/// rejected input, so this errs on the side of removing (a short id takes every bad row containing it). A file
/// with no such line is left untouched; one with some is rewritten (kept lines byte for byte) and uploaded over
/// the old blob only if that did not change meanwhile. Safe to repeat.
/// </summary>
public sealed class QuarantineCompactor(TailorStorage storage)
{
    /// <summary>Every quarantine file's name.</summary>
    public async IAsyncEnumerable<string> ListFilesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var blob in storage.Quarantine.GetBlobsAsync(cancellationToken: cancellationToken).OrNoneWhenMissing(cancellationToken).ConfigureAwait(false))
        {
            yield return blob.Name;
        }
    }

    /// <summary>Removes the lines mentioning any of <paramref name="users"/> from one file.</summary>
    public async Task<QuarantineCompaction> RemoveUsersAsync(string blobName, IReadOnlyCollection<string> users, CancellationToken cancellationToken = default)
    {
        var ids = SearchValues.Create([.. users], StringComparison.Ordinal);
        var blob = storage.Quarantine.GetBlobClient(blobName);
        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var etag = properties.Value.ETag;
        var size = properties.Value.ContentLength;
        var content = (await blob.DownloadContentAsync(new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = etag } }, cancellationToken)
            .ConfigureAwait(false)).Value.Content.ToMemory();

        var kept = new ArrayBufferWriter<byte>(content.Length);
        var byUser = new Dictionary<string, long>(StringComparer.Ordinal);
        long removed = 0;
        var rest = content.Span;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..(end + 1)];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (Mentions(line, ids) is { } text)
            {
                removed++;
                foreach (var user in users)
                {
                    if (text.Contains(user, StringComparison.Ordinal))
                    {
                        byUser[user] = byUser.GetValueOrDefault(user) + 1;
                    }
                }
            }
            else
            {
                kept.Write(line);
            }
        }

        if (removed == 0)
        {
            return new QuarantineCompaction(blobName, byUser, 0, size, 0);
        }

        await blob.UploadAsync(new BinaryData(kept.WrittenMemory), new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfMatch = etag },
            HttpHeaders = new BlobHttpHeaders { ContentType = properties.Value.ContentType },
        }, cancellationToken).ConfigureAwait(false);
        return new QuarantineCompaction(blobName, byUser, removed, size, kept.WrittenCount);
    }

    /// <summary>The line's decoded string (reason or raw text; for a line that is not JSON, the line itself) that
    /// holds an id, or null.</summary>
    private static string? Mentions(ReadOnlySpan<byte> line, SearchValues<string> ids)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } text && text.AsSpan().ContainsAny(ids))
                {
                    return text;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            var text = System.Text.Encoding.UTF8.GetString(line);
            return text.AsSpan().ContainsAny(ids) ? text : null;
        }
    }
}

/// <summary>What compacting one quarantine file removed: lines per user (a line naming two users counts for
/// both), lines in all, bytes read and bytes written.</summary>
public sealed record QuarantineCompaction(
    string BlobName, IReadOnlyDictionary<string, long> RemovedByUser, long LinesRemoved, long BytesRead, long BytesWritten);
