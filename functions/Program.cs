using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Tailor.Functions;

TailorFunctionsApp.Configure(FunctionsApplication.CreateBuilder(args)).Build().Run();

/// <summary>The worker's entry point; internal so that programs referencing this assembly (the CLI's
/// <c>tailor serve</c>, the benchmarks) keep their own <c>Program</c> (ASP.NET Core would make it public).</summary>
internal sealed partial class Program;
