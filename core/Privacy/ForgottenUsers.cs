using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Storage;

namespace Tailor.Privacy;

/// <summary>
/// Users an administrator asked Tailor to forget. Each has a tombstone in the profiles table (partition
/// <c>forgotten</c>; the table holds nothing else since profiles became run artifacts); every later snapshot
/// and profiles artifact leaves them out, and serving treats them as unknown at once on this instance and
/// within <c>Tailor:Privacy:RefreshSeconds</c> (plus one reload) on others; no request but the process's first waits for the reload.
/// The tombstones also drive erasure (<see cref="ErasureLedger"/>, <see cref="ErasureWorker"/>): the user's rows
/// leave every place within <c>Tailor:Privacy:ErasureMinutes</c>; the tombstone itself stays.
/// </summary>
public sealed partial class ForgottenUsers(TailorStorage storage, TimeProvider time, IOptions<PrivacyOptions> options, ILogger<ForgottenUsers> logger)
    : IForgottenUsers
{
    public const string Partition = "forgotten";

    private readonly Lock _gate = new();
    private volatile HashSet<string>? _users;
    private Task? _firstLoad;
    private Task? _refresh;
    private long _nextCheck;

    /// <summary>Whether the user was forgotten, from a set reloaded every RefreshSeconds. Only the first call of the
    /// process waits for storage; afterwards a due reload runs in the background and callers answer from the set they have.</summary>
    public ValueTask<bool> ContainsAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (_users is not { } users)
        {
            return FirstContainsAsync(userId, cancellationToken);
        }

        if (time.GetTimestamp() >= Volatile.Read(ref _nextCheck))
        {
            StartRefresh();
        }

        return ValueTask.FromResult(users.Contains(userId));
    }

    private async ValueTask<bool> FirstContainsAsync(string userId, CancellationToken cancellationToken)
    {
        Task load;
        lock (_gate)
        {
            load = _firstLoad ??= ReloadAsync();
        }

        try
        {
            await load.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Let the next request try again, and this one fail: without the set, no user may be served.
            lock (_gate)
            {
                if (ReferenceEquals(_firstLoad, load))
                {
                    _firstLoad = null;
                }
            }

            throw;
        }

        return _users!.Contains(userId);
    }

    private void StartRefresh()
    {
        lock (_gate)
        {
            if (_refresh is null && time.GetTimestamp() >= Volatile.Read(ref _nextCheck))
            {
                _refresh = RefreshInBackgroundAsync();
            }
        }
    }

    private async Task RefreshInBackgroundAsync()
    {
        // Leave the request's synchronous path (it holds the gate) before touching storage.
        await Task.Yield();
        try
        {
            await ReloadAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Keep the set we have; the next due check tries again.
            Volatile.Write(ref _nextCheck, time.GetTimestamp() + NextCheckTicks());
            LogRefreshFailed(logger, e);
        }
        finally
        {
            lock (_gate)
            {
                _refresh = null;
            }
        }
    }

    /// <summary>Loads the set and swaps it in. Tombstones are never removed, so the users held here (those forgotten
    /// by this process while the load ran among them) stay in the new set.</summary>
    private async Task ReloadAsync()
    {
        // The shared reload outlives any one request, so it does not take a request's token.
        var loaded = await LoadAsync(CancellationToken.None).ConfigureAwait(false);
        lock (_gate)
        {
            if (_users is { } held)
            {
                loaded.UnionWith(held);
            }

            _users = loaded;
        }

        Volatile.Write(ref _nextCheck, time.GetTimestamp() + NextCheckTicks());
    }

    private long NextCheckTicks() => (long)(options.Value.RefreshSeconds * time.TimestampFrequency);

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
        lock (_gate)
        {
            // Before the first load there is no set yet: that load reads the tombstone just written.
            if (_users is { } users)
            {
                _users = new HashSet<string>(users, StringComparer.Ordinal) { userId };
            }
        }

        LogForgotten(logger, LoggedUserId.Of(userId), options.Value.ErasureMinutes);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading the forgotten users failed; still using the set loaded before")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserHash} forgotten; erasure from every place within {Minutes} minutes")]
    private static partial void LogForgotten(ILogger logger, string userHash, int minutes);
}
