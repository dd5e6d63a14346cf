using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Storage;

namespace Tailor.Privacy;

/// <summary>
/// Users an administrator asked Tailor to forget. Each has a tombstone in the profiles table (partition
/// <c>forgotten</c>; the table holds nothing else since profiles became run artifacts); every later snapshot
/// and profiles artifact leaves them out, and serving treats them as unknown at once on this instance and
/// within <c>Tailor:Privacy:RefreshSeconds</c> on others.
/// The tombstones also drive erasure (<see cref="ErasureLedger"/>, <see cref="ErasureWorker"/>): the user's rows
/// leave every place within <c>Tailor:Privacy:ErasureMinutes</c>; the tombstone itself stays.
/// </summary>
public sealed partial class ForgottenUsers(TailorStorage storage, TimeProvider time, IOptions<PrivacyOptions> options, ILogger<ForgottenUsers> logger)
    : IForgottenUsers
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

    /// <summary>Records the tombstone and hides the user here at once. Stored profiles are artifacts of whole
    /// runs: serving checks this set before answering from them, and the training run a forget request starts
    /// writes profiles without the user; retention removes the older artifacts.</summary>
    public async Task ForgetAsync(string userId, CancellationToken cancellationToken = default)
    {
        await storage.Profiles.UpsertEntityAsync(
            new TableEntity(Partition, TableKeys.Escape(userId)) { ["UserId"] = userId, ["ForgottenUtc"] = time.GetUtcNow() },
            TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        _users = new HashSet<string>(_users, StringComparer.Ordinal) { userId };
        LogForgotten(logger, LoggedUserId.Of(userId), options.Value.ErasureMinutes);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserHash} forgotten; erasure from every place within {Minutes} minutes")]
    private static partial void LogForgotten(ILogger logger, string userHash, int minutes);
}
