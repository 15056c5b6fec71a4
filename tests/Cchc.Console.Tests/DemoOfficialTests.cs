using Cchc.Console.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cchc.Console.Tests;

public sealed class DemoOfficialTests
{
    private static string Token(string role, string name, string unit, string agency) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Claims = new Dictionary<string, object> { ["sub"] = $"dev-{role}", ["name"] = name, ["role"] = new[] { role }, ["unit"] = unit, ["agency"] = agency },
    });

    private static DemoOfficials Demo(string environment, Dictionary<string, string?> tokens) => new(
        new ConfigurationBuilder().AddInMemoryCollection(tokens.ToDictionary(t => $"{DemoOfficials.Section}:{t.Key}", t => t.Value)).Build(),
        new HostingEnvironment { EnvironmentName = environment });

    [Fact]
    public void An_official_of_another_agency_is_offered_by_key_with_the_role_and_unit_of_their_token()
    {
        var demo = Demo(Environments.Development, new()
        {
            ["processing_officer_ubnd"] = Token("processing_officer", "Đặng Thị Mai (Văn phòng UBND tỉnh)", "QT.UBND", "QT.UBND"),
            ["processing_officer"] = Token("processing_officer", "Nguyễn Văn Minh (Phòng QLCN)", "QT.SKHCN.QLCN", "QT.SKHCN"),
            ["desk_officer"] = Token("desk_officer", "Lê Thị Hoa (Bộ phận Một cửa)", "QT.SKHCN.MC", "QT.SKHCN"),
        });

        // The Department's officials in the usual order, then the other agency's.
        Assert.Equal(["desk_officer", "processing_officer", "processing_officer_ubnd"], demo.All().Select(e => e.Key));
        var other = demo.Find("processing_officer_ubnd");
        Assert.NotNull(other);
        Assert.Equal("processing_officer", other.Role);
        Assert.Equal("QT.UBND", other.Unit);
        Assert.Equal("Đặng Thị Mai (Văn phòng UBND tỉnh)", other.Name);
        // Signing in with it gives the principal the services will see: the other agency's processing officer.
        var principal = Official.FromAccessToken(other.Token, "test");
        Assert.Equal("QT.UBND", principal.Agency());
        Assert.True(principal.IsInRole("processing_officer"));
        Assert.Null(demo.Find("processing_officer_sxd"));
    }

    [Fact]
    public void Outside_Development_no_demo_official_is_offered() =>
        Assert.Empty(Demo(Environments.Production, new() { ["processing_officer_ubnd"] = Token("processing_officer", "x", "QT.UBND", "QT.UBND") }).All());
}
