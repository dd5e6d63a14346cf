using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Tailor.Storage;
using Xunit;

namespace Tailor.Testing;

/// <summary>
/// Starts one Azurite emulator per test assembly from the repository's <c>node_modules</c> (running
/// <c>npm ci</c> when it is missing) on free loopback ports, with a data folder of its own, and stops it
/// by its PID. Tests take unique container and table names from <see cref="CreateStorageAsync"/>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;
    private readonly System.Text.StringBuilder _errors = new();
    private string? _dataFolder;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot.Find();
        var azurite = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azurite))
        {
            await RunAsync("npm", "ci --no-audit --no-fund", root, TimeSpan.FromMinutes(5));
        }

        _dataFolder = Path.Combine(Path.GetTempPath(), "tailor-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataFolder);
        int blob = LoopbackPort.Free(), queue = LoopbackPort.Free(), table = LoopbackPort.Free();
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                azurite, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(CultureInfo.InvariantCulture),
                "--location", _dataFolder,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_errors)
                {
                    _errors.AppendLine(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var port in new[] { blob, queue, table })
        {
            while (!await IsListeningAsync(port))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException(
                        $"Azurite did not listen on port {port} within 60 s (exited: {_process.HasExited}): {_errors}");
                }

                await Task.Delay(100);
            }
        }

        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    /// <summary>Storage with container and table names no other test uses, created.</summary>
    public async Task<TailorStorage> CreateStorageAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var storage = TailorStorage.FromConnectionString(ConnectionString, new StorageOptions().WithSuffix(suffix));
        await storage.EnsureCreatedAsync();
        return storage;
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        if (_dataFolder is not null && Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string file, string arguments, string workingDirectory, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = workingDirectory })
            ?? throw new InvalidOperationException($"Could not start {file}.");
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}.");
        }
    }
}
