using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Tailor.Storage;

namespace Tailor.Hosting;

/// <summary>Falls back to the Functions host's own storage connection (<c>AzureWebJobsStorage</c>, as a
/// connection string or as identity-based <c>__blobServiceUri</c>/<c>__tableServiceUri</c>) when Tailor's
/// storage settings are not given, and refuses to start when neither is there.</summary>
internal sealed class StorageOptionsSetup(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    private const string HostConnection = "AzureWebJobsStorage";

    public static StorageOptions WithFallback(StorageOptions options, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString) || options.BlobServiceUri is not null)
        {
            return options;
        }

        var host = configuration[HostConnection];
        if (!string.IsNullOrWhiteSpace(host))
        {
            return options with { ConnectionString = host };
        }

        var section = configuration.GetSection(HostConnection);
        return Uri.TryCreate(section["blobServiceUri"], UriKind.Absolute, out var blob)
            && Uri.TryCreate(section["tableServiceUri"], UriKind.Absolute, out var table)
            ? options with
            {
                BlobServiceUri = blob,
                TableServiceUri = table,
                QueueServiceUri = Uri.TryCreate(section["queueServiceUri"], UriKind.Absolute, out var queue) ? queue : null,
            }
            : options;
    }

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var resolved = WithFallback(options, configuration);
        if (!string.IsNullOrWhiteSpace(resolved.ConnectionString))
        {
            return ValidateOptionsResult.Success;
        }

        return resolved.BlobServiceUri is null || resolved.TableServiceUri is null
            ? ValidateOptionsResult.Fail(
                $"Storage is not configured: set {StorageOptions.Section}:ConnectionString (Azurite: UseDevelopmentStorage=true), " +
                $"or both {StorageOptions.Section}:BlobServiceUri and {StorageOptions.Section}:TableServiceUri for a managed identity, " +
                $"or the host's {HostConnection}.")
            : ValidateOptionsResult.Success;
    }
}
