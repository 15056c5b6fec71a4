extern alias dossiers;
using Cchc.Dossiers.V1;
using Cchc.Indexes.V1;
using Cchc.ServiceDefaults;
using Cchc.ServiceDefaults.Security;
using Cchc.Testing;
using DossiersProgram = dossiers::Program;

namespace Cchc.Indexes.Tests;

/// <summary>Indexes reading a real Dossiers service's feed over the network, as in the stack.</summary>
public sealed class ServiceIndexEndToEndFixture : IAsyncLifetime
{
    public NetworkService<DossiersProgram> Dossiers { get; private set; } = null!;
    public ServiceFixture<Program> Indexes { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Dossiers = await NetworkService<DossiersProgram>.StartAsync(Resources.DossiersDb, new Dictionary<string, string> { ["Dossiers:StepWatch:Enabled"] = "false" });
        var settings = new Dictionary<string, string>(TestIdentity.ServiceCredentials(Resources.Indexes));
        foreach (var (key, value) in Dossiers.DiscoverySettings(Resources.Dossiers))
        {
            settings[key] = value;
        }
        Indexes = new ServiceFixture<Program>(Resources.IndexesDb, settings: settings);
        await Indexes.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Indexes.DisposeAsync();
        await Dossiers.DisposeAsync();
    }
}

public sealed class ServiceIndexEndToEndTests(ServiceIndexEndToEndFixture fixture) : IClassFixture<ServiceIndexEndToEndFixture>
{
    private const string Agency = "QT.SKHCN";

    private async Task<string> ProcedureAsync()
    {
        var code = $"1.{Random.Shared.Next(100_000, 999_999)}";
        await new ProcedureCatalog.ProcedureCatalogClient(fixture.Dossiers.CreateChannel(TestIdentity.Administrator)).CreateProcedureAsync(new CreateProcedureRequest
        {
            Procedure = new Procedure
            {
                Code = code, Name = "Đăng ký công bố hợp chuẩn", Field = "Tiêu chuẩn, Đo lường, Chất lượng", AgencyCode = Agency,
                ProcessingUnitCode = $"{Agency}.TDC", StatutoryTime = new StatutoryTime { Amount = "5", Unit = DurationUnit.WorkingDays }, OnlineLevel = OnlineLevel.Full,
            },
        });
        return code;
    }

    private async Task ReceiveAsync(string procedure, string unit, IntakeChannel channel)
    {
        var desk = new DossierService.DossierServiceClient(fixture.Dossiers.CreateChannel(TestIdentity.Token(Roles.DeskOfficer, unit, Agency)));
        var credential = channel == IntakeChannel.Online ? TestIdentity.Token(Roles.Integrator) : TestIdentity.Token(Roles.DeskOfficer, unit, Agency);
        var receipt = (await new DossierService.DossierServiceClient(fixture.Dossiers.CreateChannel(credential)).ReceiveDossierAsync(new ReceiveDossierRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Applicant = new Applicant { Kind = ApplicantKind.Person, IdentityNumber = "045090001234", Name = "Nguyễn Thị Hoa", Phone = "0912345678", Address = "Đông Hà" },
            ProcedureCode = procedure,
            AgencyCode = Agency,
            ReceivingUnitCode = unit,
            Channel = channel,
            Papers = { new Paper { Name = "Bản công bố hợp chuẩn", Kind = PaperKind.Original, Count = 1 } },
        })).Receipt;
        if (channel == IntakeChannel.Online)
        {
            // Submitted on the portal; it counts once the desk has received it (NgayTiepNhan).
            await desk.ApplyDossierActionAsync(new ApplyDossierActionRequest { DossierCode = receipt.DossierCode, Etag = receipt.Etag, Action = DossierAction.Receive });
        }
    }

    private async Task<GetServiceIndexResponse> WaitForAsync(string unit, int received)
    {
        var client = new ServiceIndexService.ServiceIndexServiceClient(fixture.Indexes.CreateChannel());
        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var index = await client.GetServiceIndexAsync(new GetServiceIndexRequest { ScopeKind = ScopeKind.Unit, ScopeCode = unit, PeriodKind = PeriodKind.Month, Period = month });
            if (index.DossiersReceived >= received)
            {
                return index;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Indexes shows {index.DossiersReceived} of {received} dossiers after 60 s.");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task The_index_follows_the_Dossiers_feed_across_restarts_of_both_services_and_counts_each_dossier_once()
    {
        var procedure = await ProcedureAsync();
        var unit = $"{Agency}.M{Random.Shared.Next(1000, 9999)}";
        await ReceiveAsync(procedure, unit, IntakeChannel.Online);
        await ReceiveAsync(procedure, unit, IntakeChannel.InPerson);
        await ReceiveAsync(procedure, unit, IntakeChannel.InPerson);
        Assert.Equal(3, (await WaitForAsync(unit, 3)).DossiersReceived);

        // Dossiers restarts; Indexes keeps its cursor and reads on.
        await fixture.Dossiers.RestartAsync();
        await ReceiveAsync(procedure, unit, IntakeChannel.Online);
        // A second Indexes instance starts on the same database while the first still runs: both consume.
        await using var second = fixture.Indexes.StartInstance();
        await ReceiveAsync(procedure, unit, IntakeChannel.InPerson);

        // Every event Dossiers has written so far, taken in by both instances: then count.
        var feed = new DossierChangeFeed.DossierChangeFeedClient(fixture.Dossiers.CreateChannel(TestIdentity.Administrator));
        long last = 0;
        for (var page = await feed.ReadChangesAsync(new ReadChangesRequest { PageSize = 500 }); page.Changes.Count > 0;
             page = await feed.ReadChangesAsync(new ReadChangesRequest { AfterSequence = last, PageSize = 500 }))
        {
            last = page.LastSequence;
        }
        var index = await WaitForAsync(unit, 5);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (index.AsOfSequence < last)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Indexes is at sequence {index.AsOfSequence} of {last} after 60 s.");
            await Task.Delay(200);
            index = await WaitForAsync(unit, 5);
        }
        Assert.Equal(5, index.DossiersReceived);
        var online = index.Indicators.Single(i => i.Code == "3.3");
        Assert.Equal((2, 5), (online.Numerator, online.Denominator));
        // C = 0.4 against a threshold of 0.50: 6 · 0.4 / 0.5 = 4.8 points.
        Assert.Equal(4.8m, decimal.Parse(online.Points, System.Globalization.CultureInfo.InvariantCulture));
    }
}
