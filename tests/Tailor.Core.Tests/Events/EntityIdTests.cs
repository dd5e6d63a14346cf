using Tailor.Events;

namespace Tailor.Tests.Events;

public sealed class EntityIdTests
{
    [Theory]
    [InlineData("u1", EntityIdFault.None)]
    [InlineData("", EntityIdFault.Empty)]
    [InlineData("a\tb", EntityIdFault.ControlCharacter)]
    [InlineData("a\u0085b", EntityIdFault.ControlCharacter)]
    [InlineData("ünïcødé id", EntityIdFault.None)]
    public void Ids_are_checked_by_one_rule(string id, EntityIdFault expected)
    {
        Assert.Equal(expected, EntityId.Check(id));
        Assert.Equal(expected == EntityIdFault.None, EntityId.IsValid(id));
    }

    [Fact]
    public void An_id_may_be_128_characters_but_not_129()
    {
        Assert.True(EntityId.IsValid(new string('x', EntityId.MaxLength)));
        Assert.Equal(EntityIdFault.TooLong, EntityId.Check(new string('x', EntityId.MaxLength + 1)));
        Assert.False(EntityId.IsValid((string?)null));
        Assert.Equal("1 to 128 characters without control characters", EntityId.Rule);
    }
}
