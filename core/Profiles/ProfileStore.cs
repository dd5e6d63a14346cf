using System.Text.Json;
using Azure.Data.Tables;
using Tailor.Storage;

namespace Tailor.Profiles;

/// <summary>User profiles in the profiles table, one partition per training run (the run id is the model
/// version it promotes), so the profile served always matches the serving model.</summary>
public sealed class ProfileStore(TailorStorage storage)
{
    private const int TransactionSize = 100;

    public static string PartitionFor(string runId) => "run-" + runId;

    /// <summary>Upserts every profile of a run, in transactions of 100 (the table's limit per partition).</summary>
    public async Task<int> WriteAsync(string runId, IEnumerable<UserProfile> profiles, CancellationToken cancellationToken = default)
    {
        var partition = PartitionFor(runId);
        var batch = new List<TableTransactionAction>(TransactionSize);
        var written = 0;
        foreach (var profile in profiles)
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(partition, profile)));
            if (batch.Count == TransactionSize)
            {
                written += await SubmitAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }

        return written + await SubmitAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user's profile as of the run, or null when the run did not see the user.</summary>
    public async Task<UserProfile?> ReadAsync(string runId, string userId, CancellationToken cancellationToken = default)
    {
        var response = await storage.Profiles.GetEntityIfExistsAsync<TableEntity>(
            PartitionFor(runId), TableKeys.Escape(userId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity ? FromEntity(userId, entity) : null;
    }

    private async Task<int> SubmitAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        await storage.Profiles.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        var count = batch.Count;
        batch.Clear();
        return count;
    }

    private static TableEntity ToEntity(string partition, UserProfile profile) => new(partition, TableKeys.Escape(profile.UserId))
    {
        ["Interactions"] = profile.Interactions,
        ["DistinctItems"] = profile.DistinctItems,
        ["FirstSeen"] = profile.FirstSeen,
        ["LastSeen"] = profile.LastSeen,
        ["TopItems"] = JsonSerializer.Serialize(profile.TopItems, JsonSerializerOptions.Web),
    };

    private static UserProfile FromEntity(string userId, TableEntity entity) => new(
        userId,
        entity.GetInt32("Interactions") ?? 0,
        entity.GetInt32("DistinctItems") ?? 0,
        entity.GetDateTimeOffset("FirstSeen") ?? default,
        entity.GetDateTimeOffset("LastSeen") ?? default,
        JsonSerializer.Deserialize<List<ProfileItem>>(entity.GetString("TopItems") ?? "[]", JsonSerializerOptions.Web) ?? []);
}
