using System.Diagnostics;
using Tailor.Cli.Errors;

namespace Tailor.Cli.Hosting;

/// <summary>Finds and runs the repository's <c>scripts/azurite.sh</c>.</summary>
public static class AzuriteScript
{
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "scripts", "azurite.sh")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    public static string? ConnectionFile()
    {
        var root = RepositoryRoot();
        return root is null ? null : Path.Combine(root, ".azurite", "connection");
    }

    /// <summary>Starts Azurite through the script unless the one it started is running; returns the connection string.</summary>
    public static async Task<string> EnsureStartedAsync(CancellationToken cancellationToken)
    {
        var root = RepositoryRoot() ?? throw new StorageUnreachableException(
            "scripts/azurite.sh not found: run the demo from the repository, or set Tailor__Storage__ConnectionString.");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(root, "scripts", "azurite.sh"));
        start.ArgumentList.Add("start");
        if (Environment.GetEnvironmentVariable("AZURITE_PORTS") is null && Environment.GetEnvironmentVariable("AZURITE_BLOB_PORT") is null)
        {
            start.Environment["AZURITE_PORTS"] = "free";
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run scripts/azurite.sh.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode != 0
            ? throw new StorageUnreachableException($"scripts/azurite.sh start failed: {error.Trim()}")
            : output.Trim();
    }
}
