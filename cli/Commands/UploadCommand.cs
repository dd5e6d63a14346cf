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
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Event files (.csv, .jsonl, .parquet, optionally .gz)" }.ExistingEventFiles();
        var folder = new Option<string?>("--folder") { Description = "Folder (blob name prefix) inside the events container" };
        var connection = CommonOptions.Connection();
        var command = new Command("upload", "Upload event files to the events container") { files, folder, connection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connectionString = CliServices.ResolveConnection(parse.GetValue(connection));
            await StorageProbe.EnsureReachableAsync(connectionString, cancellationToken);
            await using var services = CliServices.Build(connectionString);
            var storage = services.GetRequiredService<TailorStorage>();
            foreach (var name in await UploadAsync(storage, parse.GetValue(files)!, parse.GetValue(folder), cancellationToken))
            {
                AnsiConsole.MarkupLineInterpolated($"uploaded [green]{name}[/]");
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
