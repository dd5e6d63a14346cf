using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Tailor.Functions;

TailorFunctionsApp.Configure(FunctionsApplication.CreateBuilder(args)).Build().Run();
