using Azure;
using Azure.Storage.Blobs;
using Tailor.Cli.Errors;

namespace Tailor.Cli.Hosting;

/// <summary>One quick request to the blob service before a command does any work, so an unreachable
/// storage account is one clear line instead of retries and a misleading later error.</summary>
public static class StorageProbe
{
    public static async Task EnsureReachableAsync(string connection, CancellationToken cancellationToken)
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        BlobServiceClient client;
        try
        {
            client = new BlobServiceClient(connection, options);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new UsageException("--connection: not a storage connection string (" + ex.Message + ")", ex);
        }

        try
        {
            await foreach (var _ in client.GetBlobContainersAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1).ConfigureAwait(false))
            {
                break;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 0)
        {
            throw StorageUnreachableException.At(client.Uri, CliFailure.Innermost(ex).Message, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw StorageUnreachableException.At(client.Uri, $"no answer within {options.Retry.NetworkTimeout.TotalSeconds:0} s", ex);
        }
        catch (RequestFailedException ex)
        {
            throw StorageUnreachableException.At(client.Uri, $"it refused the request ({ex.Status} {ex.ErrorCode})", ex);
        }
    }
}
