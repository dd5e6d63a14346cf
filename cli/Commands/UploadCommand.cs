using System.CommandLine;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Tailor.Cli.Hosting;
using Tailor.Storage;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor upload FILE...</c>: streams event files into the events container.</summary>
public static class UploadCommand
{
    public static Command Create() =>
        Create("upload", "event files", "events container", storage => storage.Events);

    /// <summary>An upload command for the container <paramref name="container"/> picks: <c>tailor upload</c> for
    /// events and <c>tailor catalog upload</c> for the item catalog share it.</summary>
    public static Command Create(string name, string what, string where, Func<TailorStorage, BlobContainerClient> container)
    {
        var files = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = $"{char.ToUpperInvariant(what[0])}{what[1..]} (.csv, .jsonl, .parquet, optionally .gz)" }.ExistingEventFiles();
        var folder = new Option<string?>("--folder") { Description = $"Folder (blob name prefix) inside the {where}" };
        var connection = CommonOptions.Connection();
        var command = new Command(name, $"Upload {what} to the {where}") { files, folder, connection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connectionString = CliServices.ResolveConnection(parse.GetValue(connection));
            await StorageProbe.EnsureReachableAsync(connectionString, cancellationToken);
            await using var services = CliServices.Build(connectionString);
            var target = container(services.GetRequiredService<TailorStorage>());
            foreach (var blob in await UploadAsync(target, parse.GetValue(files)!, parse.GetValue(folder), cancellationToken))
            {
                AnsiConsole.MarkupLineInterpolated($"uploaded [green]{blob}[/] to the {where}");
            }

            return 0;
        });
        return command;
    }

    public static Task<IReadOnlyList<string>> UploadAsync(TailorStorage storage, IEnumerable<FileInfo> files, string? folder, CancellationToken cancellationToken) =>
        UploadAsync(storage.Events, files, folder, cancellationToken);

    /// <summary>Streams each file into <paramref name="container"/> (under <paramref name="folder"/>); returns the blob names.</summary>
    public static async Task<IReadOnlyList<string>> UploadAsync(BlobContainerClient container, IEnumerable<FileInfo> files, string? folder, CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var names = new List<string>();
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                throw new FileNotFoundException($"No such file: {file.FullName}", file.FullName);
            }

            var name = string.IsNullOrEmpty(folder) ? file.Name : $"{folder.TrimEnd('/')}/{file.Name}";
            await using var stream = file.OpenRead();
            await container.GetBlobClient(name).UploadAsync(stream, overwrite: true, cancellationToken);
            names.Add(name);
        }

        return names;
    }
}
