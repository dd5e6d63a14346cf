using Tailor.Cli;

return await TailorCli.RunAsync(args, Console.Out, Console.Error);

/// <summary>The <c>tailor</c> entry point; internal so that programs referencing the CLI (the benchmarks) keep
/// their own <c>Program</c> (ASP.NET Core, referenced for <c>tailor serve</c>, would make it public).</summary>
internal sealed partial class Program;
