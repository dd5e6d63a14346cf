using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tailor.Cli.Errors;
using Tailor.Cli.Hosting;
using Tailor.Privacy;

namespace Tailor.Cli.Commands;

/// <summary><c>tailor erasure</c>: forgets the users named (as <c>DELETE users/{userId}</c> does) and carries out
/// every open erasure now, as the erasure timer would, training locally when it needs a model without the users;
/// prints what each pass removed, the bytes it moved and how long it took.</summary>
public static class ErasureCommand
{
    public static Command Create()
    {
        var forget = new Option<string[]>("--forget") { Description = "User ids to forget first (repeatable)", AllowMultipleArgumentsPerToken = true };
        var forgetFile = new Option<FileInfo?>("--forget-file") { Description = "A file with one user id to forget per line" };
        var timeout = new Option<int>("--timeout-minutes") { Description = "Give up after this many minutes", DefaultValueFactory = _ => 60 }.AtLeast(1);
        var connection = CommonOptions.Connection();
        var command = new Command("erasure", "Forget users and erase every open erasure now: processed batches, quarantine, runs and model versions")
        {
            forget, forgetFile, timeout, connection,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var users = new List<string>(parse.GetValue(forget) ?? []);
            if (parse.GetValue(forgetFile) is { } file)
            {
                if (!file.Exists)
                {
                    throw new UsageException($"--forget-file: {file.FullName} does not exist");
                }

                users.AddRange(File.ReadLines(file.FullName).Select(l => l.Trim()).Where(l => l.Length > 0));
            }

            if (users.FirstOrDefault(u => !Events.EntityId.IsValid(u)) is { } bad)
            {
                throw new UsageException($"--forget: '{bad}' is not a valid user id ({Events.EntityId.Rule})");
            }

            var connectionString = CliServices.ResolveConnection(parse.GetValue(connection));
            await StorageProbe.EnsureReachableAsync(connectionString, cancellationToken);
            await using var services = CliServices.Build(connectionString);
            var output = parse.InvocationConfiguration.Output;
            var forgotten = services.GetRequiredService<ForgottenUsers>();
            var pseudonymizer = services.GetRequiredService<Events.UserIdPseudonymizer>();
            foreach (var user in users)
            {
                await forgotten.ForgetAsync(pseudonymizer.Apply(user), cancellationToken);
            }

            if (users.Count > 0)
            {
                output.WriteLine($"forgot {users.Count} users");
            }

            var worker = services.GetRequiredService<ErasureWorker>();
            var watch = Stopwatch.StartNew();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromMinutes(parse.GetValue(timeout)));
            while (true)
            {
                var pass = await worker.RunAsync(deadline.Token);
                Print(output, pass);
                if (!pass.NeedsModel)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"erasure finished in {watch.Elapsed.TotalSeconds:0.0} s"));
                    return 0;
                }

                var trainWatch = Stopwatch.StartNew();
                var outcome = await LocalTraining.RunAsync(connectionString, services, services.GetRequiredService<ILoggerFactory>(),
                    pass.TrainingReason, TimeSpan.FromMinutes(parse.GetValue(timeout)), deadline.Token);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"training run {outcome.RunId}: {outcome.Promotion.Decision} ({trainWatch.Elapsed.TotalSeconds:0.0} s)"));
            }
        });
        return command;
    }

    public static void Print(TextWriter output, ErasurePass pass)
    {
        foreach (var place in pass.Places)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{place.Place}: removed {place.Removed:N0}, {place.BlobsChanged} blobs changed, read {place.BytesRead:N0} B, wrote {place.BytesWritten:N0} B, deleted {place.BytesDeleted:N0} B in {place.Seconds:0.00} s"));
        }

        output.WriteLine(pass.Users == 0
            ? "no open erasures"
            : pass.NeedsModel
                ? FormattableString.Invariant($"{pass.Users} users: waiting for a model without them ({pass.TrainingReason})")
                : FormattableString.Invariant($"{pass.Completed} users erased in {pass.Seconds:0.00} s"));
    }
}
