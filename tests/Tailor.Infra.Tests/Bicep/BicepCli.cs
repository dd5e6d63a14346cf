using System.Diagnostics;
using System.Reflection;

namespace Tailor.Tests.Bicep;

/// <summary>The Bicep CLI restored from NuGet (package Azure.Bicep.CommandLine.linux-x64, see the csproj).</summary>
public static class BicepCli
{
    /// <summary>Path of the <c>bicep</c> binary in the NuGet packages folder, recorded at build time.</summary>
    public static string Path { get; } = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepCliPath").Value
        ?? throw new InvalidOperationException("The test assembly carries no BicepCliPath.");

    public static async Task<BicepRun> RunAsync(params string[] arguments)
    {
        if (!File.Exists(Path))
        {
            throw new FileNotFoundException($"Bicep CLI not found at {Path}: run `dotnet restore` first.", Path);
        }

        EnsureExecutable();
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline and quiet: no telemetry, no version check.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new BicepRun(process.ExitCode, await stdout, await stderr);
    }

    private static void EnsureExecutable()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(Path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(Path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }
}

/// <summary>Exit code and output of one Bicep CLI run. Diagnostics (warnings and errors) go to standard error.</summary>
public sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<string> Diagnostics { get; } = StandardError
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => line.Contains(" : Warning ", StringComparison.Ordinal)
            || line.Contains(" : Error ", StringComparison.Ordinal)
            || line.Contains(" : Info ", StringComparison.Ordinal))
        .ToList();
}
