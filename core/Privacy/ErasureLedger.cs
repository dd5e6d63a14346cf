using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Tailor.Storage;

namespace Tailor.Privacy;

/// <summary>
/// The erasure state kept on each tombstone (<see cref="ForgottenUsers"/>' entities in the profiles table):
/// what drives the <see cref="ErasureWorker"/>, so a crash loses nothing: the tombstones still say what is left.
/// Updates merge into the tombstone and never remove it: serving keeps treating the user as unknown.
/// </summary>
public sealed class ErasureLedger(TailorStorage storage)
{
    /// <summary>The user's erasure, or null when the user was never forgotten.</summary>
    public async Task<ErasureRecord?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        try
        {
            var found = await storage.Profiles.GetEntityIfExistsAsync<TableEntity>(
                ForgottenUsers.Partition, TableKeys.Escape(userId), cancellationToken: cancellationToken).ConfigureAwait(false);
            return found.HasValue ? FromEntity(found.Value!) : null;
        }
        catch (RequestFailedException e) when (MissingStorage.IsMissingContainerOrTable(e))
        {
            return null;
        }
    }

    /// <summary>Every erasure not yet done, oldest tombstone first.</summary>
    public async Task<IReadOnlyList<ErasureRecord>> ListOpenAsync(CancellationToken cancellationToken = default) =>
        (await ReadTombstonesAsync(cancellationToken).ConfigureAwait(false)).Open;

    /// <summary>Every erasure whose state <paramref name="include"/> accepts (see <see cref="ErasureStates"/>), oldest
    /// tombstone first.</summary>
    public async Task<IReadOnlyList<ErasureRecord>> ListAsync(Func<string, bool> include, CancellationToken cancellationToken = default)
    {
        var found = new List<ErasureRecord>();
        try
        {
            await foreach (var entity in storage.Profiles.QueryAsync<TableEntity>(
                e => e.PartitionKey == ForgottenUsers.Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var record = FromEntity(entity);
                if (include(record.State))
                {
                    found.Add(record);
                }
            }
        }
        catch (RequestFailedException e) when (MissingStorage.IsMissingContainerOrTable(e))
        {
            // No profiles table yet: nobody was forgotten.
        }

        found.Sort((a, b) => a.ForgottenUtc.CompareTo(b.ForgottenUtc));
        return found;
    }

    /// <summary>Every tombstone, read once: what a snapshot leaves out and what it records about that read.</summary>
    public async Task<Tombstones> ReadTombstonesAsync(CancellationToken cancellationToken = default)
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        var open = new List<ErasureRecord>();
        DateTimeOffset? latest = null;
        try
        {
            await foreach (var entity in storage.Profiles.QueryAsync<TableEntity>(
                e => e.PartitionKey == ForgottenUsers.Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var record = FromEntity(entity);
                users.Add(record.UserId);
                latest = latest is null || record.ForgottenUtc > latest ? record.ForgottenUtc : latest;
                if (!record.IsDone)
                {
                    open.Add(record);
                }
            }
        }
        catch (RequestFailedException e) when (MissingStorage.IsMissingContainerOrTable(e))
        {
            // No profiles table yet: nobody was forgotten.
        }

        open.Sort((a, b) => a.ForgottenUtc.CompareTo(b.ForgottenUtc));
        return new Tombstones(users, open, latest);
    }

    /// <summary>Records a step of the user's erasure, merging the counts with those recorded before. A tombstone
    /// written again since (the user forgotten anew) keeps its newer time and stays open.</summary>
    public async Task RecordAsync(ErasureRecord step, CancellationToken cancellationToken = default)
    {
        var key = TableKeys.Escape(step.UserId);
        var current = await storage.Profiles.GetEntityIfExistsAsync<TableEntity>(ForgottenUsers.Partition, key, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!current.HasValue)
        {
            return;
        }

        var before = FromEntity(current.Value!);
        if (before.ForgottenUtc > step.ForgottenUtc)
        {
            return; // forgotten again after this batch read it: the next pass takes it
        }

        var removed = new Dictionary<string, long>(before.Removed, StringComparer.Ordinal);
        foreach (var (place, count) in step.Removed)
        {
            removed[place] = removed.GetValueOrDefault(place) + count;
        }

        var entity = new TableEntity(ForgottenUsers.Partition, key)
        {
            ["Erasure"] = step.State,
            ["Removed"] = JsonSerializer.Serialize(removed, PrivacyJsonContext.Default.DictionaryStringInt64),
            ["BatchUsers"] = Math.Max(step.BatchUsers, before.BatchUsers),
        };
        if (step.DataErasedUtc is { } data)
        {
            entity["DataErasedUtc"] = data;
        }

        if (step.ErasedUtc is { } erased)
        {
            entity["ErasedUtc"] = erased;
        }

        await storage.Profiles.UpdateEntityAsync(entity, current.Value!.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    private static ErasureRecord FromEntity(TableEntity entity) => new(
        entity.GetString("UserId") ?? Uri.UnescapeDataString(entity.RowKey),
        entity.GetDateTimeOffset("ForgottenUtc") ?? entity.Timestamp ?? DateTimeOffset.MinValue,
        entity.GetString("Erasure") ?? ErasureStates.Pending)
    {
        DataErasedUtc = entity.GetDateTimeOffset("DataErasedUtc"),
        ErasedUtc = entity.GetDateTimeOffset("ErasedUtc"),
        Removed = entity.GetString("Removed") is { Length: > 0 } json
            ? JsonSerializer.Deserialize(json, PrivacyJsonContext.Default.DictionaryStringInt64) ?? []
            : new Dictionary<string, long>(),
        BatchUsers = entity.GetInt32("BatchUsers") ?? 0,
    };
}

/// <summary>The tombstones as one read saw them: every forgotten user, the erasures still open, and the newest
/// tombstone's time (what an artifact built from this read records as its <c>ForgottenAsOf</c>: every user forgotten
/// up to then is left out). Null when nobody was forgotten.</summary>
public sealed record Tombstones(IReadOnlySet<string> Users, IReadOnlyList<ErasureRecord> Open, DateTimeOffset? Latest)
{
    public DateTimeOffset? LatestOpen => Open.Count == 0 ? null : Open.Max(r => r.ForgottenUtc);
}
