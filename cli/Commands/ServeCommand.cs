using System.CommandLine;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Tailor.Cli.Hosting;
using Tailor.Cli.Serve;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor serve [--port 7071]</c>: the app's HTTP API on 127.0.0.1 without Core Tools, until stopped (Ctrl+C).</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 7071 }.Between(0, 65535);
        var verbose = new Option<bool>("--verbose") { Description = "Log every request and the app's information messages" };
        var connection = CommonOptions.Connection();
        var command = new Command("serve", "Run the HTTP API (the Functions app's HTTP functions) locally on Kestrel") { port, verbose, connection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connectionString = CliServices.ResolveConnection(parse.GetValue(connection));
            await StorageProbe.EnsureReachableAsync(connectionString, cancellationToken);
            var logLevel = parse.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning;
            await using var server = await LocalFunctionsServer.StartAsync(connectionString, parse.GetValue(port), logLevel: logLevel, cancellationToken: cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            Print(output, server);
            await output.FlushAsync(cancellationToken);
            try
            {
                await server.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM: the normal way to stop; disposing the server stops Kestrel.
            }

            return 0;
        });
        return command;
    }

    /// <summary>Where the API listens, every route with its methods and key, and the keys (marked when generated).</summary>
    public static void Print(TextWriter output, LocalFunctionsServer server)
    {
        output.WriteLine($"Tailor HTTP API on {server.BaseAddress}");
        foreach (var endpoint in server.Endpoints)
        {
            var binding = endpoint.Binding;
            var methods = string.Join(",", binding.Methods).ToUpperInvariant();
            output.WriteLine($"  {methods,-7} /{LocalFunctionsServer.RoutePrefix}/{binding.Route}  [{Level(binding.AuthLevel)}]");
        }

        PrintKeys(output, server);
        output.WriteLine($"console: {server.ConsoleAddress}");
    }

    /// <summary>The keys (marked when generated) and how to send them.</summary>
    public static void PrintKeys(TextWriter output, LocalFunctionsServer server)
    {
        var keys = server.Keys;
        output.WriteLine($"function key{(keys.FunctionKeyGenerated ? " (generated; set Tailor__Serve__FunctionKey to fix it)" : "")}: {keys.FunctionKey}");
        output.WriteLine($"admin key{(keys.AdminKeyGenerated ? " (generated; set Tailor__Serve__AdminKey to fix it)" : "")}: {keys.AdminKey}");
        output.WriteLine($"send a key as the '{FunctionKeys.HeaderName}' header or the '{FunctionKeys.QueryName}' query parameter; Ctrl+C stops.");
    }

    private static string Level(AuthorizationLevel level) => level switch
    {
        AuthorizationLevel.Anonymous => "anonymous",
        AuthorizationLevel.Function => "function key",
        _ => "admin key",
    };
}
