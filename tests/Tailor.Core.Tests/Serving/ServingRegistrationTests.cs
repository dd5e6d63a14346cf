using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Privacy;
using Tailor.Serving;
using Tailor.Storage;

namespace Tailor.Tests.Serving;

public sealed class ServingRegistrationTests
{
    [Fact]
    public void Serving_registered_alone_brings_the_forgotten_users_it_must_not_serve()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSingleton(new TailorStorage(
                new BlobServiceClient("UseDevelopmentStorage=true"), new TableServiceClient("UseDevelopmentStorage=true"), new StorageOptions()))
            .AddTailorServing();

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.Same(provider.GetRequiredService<ForgottenUsers>(), provider.GetRequiredService<IForgottenUsers>());
        Assert.NotNull(provider.GetRequiredService<RecommendationService>());
    }
}
