using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Tailor.Storage;

namespace Tailor.Privacy;

/// <summary>
/// Users an administrator asked Tailor to forget. Each has a tombstone in the profiles table (partition
/// <c>forgotten</c>); their profiles are deleted, every later snapshot leaves their events out, and serving
/// treats them as unknown at once on this instance and within <c>Tailor:Privacy:RefreshSeconds</c> on others.
/// The events stay in the processed batches they arrived in (excluded, not rewritten).
/// </summary>
public sealed class ForgottenUsers(TailorStorage storage, TimeProvider time, IOptions<PrivacyOptions> options) : IForgottenUsers
{
    public const string Partition = "forgotten";

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile HashSet<string> _users = new(StringComparer.Ordinal);
    private long _nextCheck;

    /// <summary>Whether the user was forgotten, from a set refreshed at most every RefreshSeconds.</summary>
    public async ValueTask<bool> ContainsAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (time.GetTimestamp() >= Volatile.Read(ref _nextCheck) && await _refresh.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                _users = await LoadAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _nextCheck, time.GetTimestamp() + (long)(options.Value.RefreshSeconds * time.TimestampFrequency));
            }
            finally
            {
                _refresh.Release();
            }
        }

        return _users.Contains(userId);
    }

    /// <summary>Every forgotten user id.</summary>
    public async Task<HashSet<string>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var entity in storage.Profiles.QueryAsync<TableEntity>(
                e => e.PartitionKey == Partition, select: ["UserId"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                users.Add(entity.GetString("UserId")!);
            }
        }
        catch (Azure.RequestFailedException ex) when (MissingStorage.IsMissingContainerOrTable(ex))
        {
            // No profiles table yet: nobody was forgotten.
        }

        return users;
    }

    /// <summary>Records the tombstone, deletes the user's profiles, and hides the user here at once.
    /// Returns how many stored profiles were deleted.</summary>
    public async Task<int> ForgetAsync(string userId, CancellationToken cancellationToken = default)
    {
        var key = TableKeys.Escape(userId);
        await storage.Profiles.UpsertEntityAsync(
            new TableEntity(Partition, key) { ["UserId"] = userId, ["ForgottenUtc"] = time.GetUtcNow() },
            TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        var deleted = 0;
        await foreach (var profile in storage.Profiles.QueryAsync<TableEntity>(
            e => e.RowKey == key && e.PartitionKey != Partition, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await storage.Profiles.DeleteEntityAsync(profile.PartitionKey, profile.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            deleted++;
        }

        _users = new HashSet<string>(_users, StringComparer.Ordinal) { userId };
        return deleted;
    }
}
