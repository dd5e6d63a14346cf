namespace Tailor.Cli.Errors;

/// <summary>A mistake in how the command was called that the parse step cannot see; exits with 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
