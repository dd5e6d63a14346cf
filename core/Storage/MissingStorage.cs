using System.Runtime.CompilerServices;
using Azure;

namespace Tailor.Storage;

/// <summary>Recognises the answers storage gives for a container, table or queue that does not exist, which
/// read paths treat as empty (fresh storage, or start-up could not provision it).</summary>
public static class MissingStorage
{
    public static bool IsMissingContainerOrTable(RequestFailedException exception) =>
        exception.Status == 404
        && exception.ErrorCode is "ContainerNotFound" or "TableNotFound" or "ResourceNotFound" or "QueueNotFound";

    /// <summary>The listing's items, none when its container or table does not exist.</summary>
    public static async IAsyncEnumerable<T> OrNoneWhenMissing<T>(this AsyncPageable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : notnull
    {
        var listing = items.GetAsyncEnumerator(cancellationToken);
        await using (listing.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await listing.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (RequestFailedException e) when (IsMissingContainerOrTable(e))
                {
                    yield break;
                }

                yield return listing.Current;
            }
        }
    }
}
