using System.Diagnostics;
using Tailor.Hosting;

namespace Tailor.Tests.Hosting;

public sealed class UserIdRedactionTests
{
    [Theory]
    [InlineData("/api/recommendations/alice", "/api/recommendations/{userId}")]
    [InlineData("https://app.example/api/recommendations/alice?count=5", "https://app.example/api/recommendations/{userId}?count=5")]
    [InlineData("/api/users/bob%40example.com/profile", "/api/users/{userId}/profile")]
    [InlineData("DELETE /api/users/bob", "DELETE /api/users/{userId}")]
    [InlineData("/api/users/{userId}/data", "/api/users/{userId}/data")]
    [InlineData("/api/recommendations", "/api/recommendations")]
    [InlineData("/api/items/i1/similar", "/api/items/i1/similar")]
    public void User_routes_record_the_template_instead_of_the_id(string path, string expected) =>
        Assert.Equal(expected, UserIdRedaction.Redact(path));

    [Fact]
    public void A_span_ending_with_a_user_id_in_its_url_tags_and_name_exports_the_template()
    {
        using var activity = new Activity("GET /api/users/carol/data");
        activity.SetTag("url.full", "http://localhost/api/users/carol/data");
        activity.SetTag("url.path", "/api/users/carol/data");
        activity.Start();
        activity.Stop();

        new UserIdRedaction().OnEnd(activity);

        Assert.Equal("http://localhost/api/users/{userId}/data", activity.GetTagItem("url.full"));
        Assert.Equal("/api/users/{userId}/data", activity.GetTagItem("url.path"));
        Assert.Equal("GET /api/users/{userId}/data", activity.DisplayName);
    }
}
