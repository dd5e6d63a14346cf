namespace Tailor.Cli.Errors;

/// <summary>The storage account (Azurite locally) did not answer, or refused the CLI's credentials.</summary>
public sealed class StorageUnreachableException : Exception
{
    public StorageUnreachableException()
    {
    }

    public StorageUnreachableException(string message)
        : base(message)
    {
    }

    public StorageUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static StorageUnreachableException At(Uri endpoint, string detail, Exception? innerException = null) =>
        new($"cannot reach storage at {endpoint}: {detail} (start Azurite with scripts/azurite.sh start, or pass --connection).", innerException!);
}
