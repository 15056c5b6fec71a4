using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.V1;
using Cchc.Testing;
using Google.Rpc;
using Grpc.Core;
using static Cchc.Dossiers.Tests.DossierScenario;

namespace Cchc.Dossiers.Tests;

/// <summary>The applicant's satisfaction rating, and the facts of the 766 index on the change feed.</summary>
public sealed class RatingTests : IClassFixture<DossiersFixture>, IAsyncLifetime
{
    private const string Procedure = "1.000801";
    private readonly DossierScenario _scenario;
    private readonly PublicStatus.PublicStatusClient _public;

    public RatingTests(DossiersFixture fixture)
    {
        _scenario = new DossierScenario(fixture);
        _public = new PublicStatus.PublicStatusClient(fixture.ClockedChannel(null));
    }

    private static string Desk => DeskOfficer();
    private static string Quality => ProcessingOfficer(QualityUnit);

    public async Task InitializeAsync()
    {
        try
        {
            await _scenario.ProcedureAsync(Procedure, workingDays: 5);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A dossier received on <paramref name="day"/> June 2026 and processed to its result, not yet returned.</summary>
    private async Task<DossierReceipt> ResultReadyAsync(int day, Action<ReceiveDossierRequest>? intake = null)
    {
        _scenario.At(2026, 6, day, 9, 0);
        var request = NewIntake(Procedure);
        intake?.Invoke(request);
        var receipt = await _scenario.ReceiveAsync(request);
        _scenario.At(2026, 6, day, 10, 0);
        await _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.StartProcessing);
        _scenario.At(2026, 6, day, 15, 0);
        await _scenario.ActAsync(Quality, receipt.DossierCode, DossierAction.CompleteResult);
        return receipt;
    }

    private async Task<DossierReceipt> ReturnedAsync(int day)
    {
        var receipt = await ResultReadyAsync(day);
        _scenario.At(2026, 6, day, 16, 0);
        await _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.ReturnResult);
        return receipt;
    }

    private static RateDossierRequest Rating(DossierReceipt receipt, string? secret = null) => new()
    {
        DossierCode = receipt.DossierCode,
        LookupSecret = secret ?? receipt.LookupSecret.ToLowerInvariant(),
        Overall = SatisfactionLevel.Satisfied,
        Criteria =
        {
            new CriterionRating { Criterion = RatingCriterion.Officials, Level = SatisfactionLevel.VerySatisfied },
            new CriterionRating { Criterion = RatingCriterion.Result, Level = SatisfactionLevel.Dissatisfied },
        },
        Comment = "Cán bộ hướng dẫn tận tình; tôi là Nguyễn Thị Hoa, số điện thoại 0912345678.",
    };

    [Fact]
    public async Task The_applicant_rates_a_returned_dossier_once_with_the_receipt_and_the_rating_is_kept_audited_and_on_the_feed()
    {
        var receipt = await ReturnedAsync(1);
        _scenario.At(2026, 6, 2, 8, 0);

        var rated = (await _public.RateDossierAsync(Rating(receipt))).Rating;
        var dossier = await _scenario.GetAsync(receipt.DossierCode);
        var status = await _public.GetPublicStatusAsync(new GetPublicStatusRequest { DossierCode = receipt.DossierCode, LookupSecret = receipt.LookupSecret });
        var again = await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => _public.RateDossierAsync(Rating(receipt)).ResponseAsync);

        Assert.Equal(SatisfactionLevel.Satisfied, rated.Overall);
        Assert.Equal([RatingCriterion.Officials, RatingCriterion.Result], rated.Criteria.Select(c => c.Criterion));
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 1, 0, 0, TimeSpan.Zero), rated.RateTime.ToDateTimeOffset());
        Assert.Equal(rated, dossier.Rating);
        Assert.True(status.Rated);
        Assert.Equal(receipt.DossierCode, again.GetDetail<ResourceInfo>()!.ResourceName);
        var change = Assert.Single(await _scenario.ChangesOf(receipt.DossierCode), c => c.Type == DossierEventTypes.Rated).Payload;
        Assert.Equal(("Satisfied", true, true), (change.Fields["overall"].StringValue, change.Fields["satisfied"].BoolValue, change.Fields["hasComment"].BoolValue));
        Assert.Equal("Dissatisfied", change.Fields["criteria"].StructValue.Fields["result"].StringValue);
        Assert.Equal(Procedure, change.Fields["procedureCode"].StringValue);
        Assert.DoesNotContain("Nguyễn Thị Hoa", change.ToString());
        Assert.DoesNotContain("0912345678", change.ToString());
        var audit = (await _scenario.AuditOf(receipt.DossierCode))[^1];
        Assert.Equal(("RateDossier", "applicant"), (audit.Action, audit.ActorSubject));
    }

    [Fact]
    public async Task A_dossier_is_rated_only_after_its_result_is_returned_and_only_with_the_right_secret()
    {
        var receipt = await ResultReadyAsync(3);

        var early = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => _public.RateDossierAsync(Rating(receipt)).ResponseAsync);
        var wrong = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => _public.RateDossierAsync(Rating(receipt, secret: (receipt.LookupSecret[0] == 'A' ? "B" : "A") + receipt.LookupSecret[1..])).ResponseAsync);
        var unknown = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => _public.RateDossierAsync(Rating(receipt).Also(r => r.DossierCode = "QT.SKHCN-260603-9999")).ResponseAsync);
        var invalid = Rating(receipt).Also(r =>
        {
            r.Overall = SatisfactionLevel.Unspecified;
            r.Criteria.Add(new CriterionRating { Criterion = RatingCriterion.Officials, Level = SatisfactionLevel.Satisfied });
            r.Criteria.Add(new CriterionRating { Criterion = RatingCriterion.Unspecified, Level = SatisfactionLevel.Satisfied });
        });
        await RpcAssert.InvalidFields(() => _public.RateDossierAsync(invalid).ResponseAsync, "overall", "criteria", "criteria[3].criterion");

        Assert.Equal("DOSSIER_STATUS", early.GetDetail<PreconditionFailure>()!.Violations.Single().Type);
        Assert.Equal(wrong.Message, unknown.Message.Replace("QT.SKHCN-260603-9999", receipt.DossierCode));
        Assert.Null((await _scenario.GetAsync(receipt.DossierCode)).Rating);
    }

    [Fact]
    public async Task A_citizen_rates_over_REST_without_an_account()
    {
        var receipt = await ReturnedAsync(4);
        using var anonymous = _scenario.Fixture.Clocked.CreateClient();

        var response = await anonymous.PostAsJsonAsync($"/dossiers/v1/public/dossiers/{receipt.DossierCode}:rate", new
        {
            lookupSecret = receipt.LookupSecret, overall = "SATISFACTION_LEVEL_VERY_SATISFIED",
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("SATISFACTION_LEVEL_VERY_SATISFIED", body.GetProperty("rating").GetProperty("overall").GetString());
    }

    [Fact]
    public async Task Status_changes_carry_the_766_facts_and_an_online_payment_is_recorded_with_its_confirmation()
    {
        _scenario.At(2026, 6, 8, 9, 0);
        var online = await _scenario.ReceiveAsync(NewIntake(Procedure).Also(r => r.PaidOnline = true));
        var receipt = await _scenario.ReceiveAsync(Procedure);
        await _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.StartProcessing);
        await _scenario.ActAsync(Quality, receipt.DossierCode, DossierAction.RequestPayment);
        var wrongAction = await _scenario.GetAsync(receipt.DossierCode, Quality);
        await RpcAssert.InvalidFields(() => _scenario.Dossiers(Quality).ApplyDossierActionAsync(new ApplyDossierActionRequest
        {
            DossierCode = receipt.DossierCode, Etag = wrongAction.Etag, Action = DossierAction.RequestSupplement,
            Reason = "Thiếu", SupplementRequirements = "Giấy tờ", PaidOnline = true,
        }).ResponseAsync, "paid_online");
        _scenario.At(2026, 6, 8, 14, 0);
        var paid = await _scenario.ActAsync(Quality, receipt.DossierCode, DossierAction.PaymentConfirmed, r => r.PaidOnline = true);
        await _scenario.ActAsync(Quality, receipt.DossierCode, DossierAction.CompleteResult);
        await _scenario.ActAsync(Desk, receipt.DossierCode, DossierAction.ReturnResult);

        var changes = await _scenario.ChangesOf(receipt.DossierCode);
        var returned = changes.Last(c => c.Type == DossierEventTypes.StatusChanged).Payload.Fields;
        var paidChange = changes.Single(c => c.Type == DossierEventTypes.StatusChanged && c.Payload.Fields["action"].StringValue == "PaymentConfirmed").Payload.Fields;
        var onlineReceived = (await _scenario.ChangesOf(online.DossierCode)).Single(c => c.Type == DossierEventTypes.Received).Payload.Fields;

        Assert.True(paid.PaidOnline);
        Assert.True(paidChange["paidOnline"].BoolValue);
        Assert.True(onlineReceived["paidOnline"].BoolValue);
        Assert.Equal(10, returned["status"].NumberValue);
        Assert.Equal((1, true, 0), ((int)returned["channel"].NumberValue, returned["onTime"].BoolValue, (int)returned["supplementRequestCount"].NumberValue));
        Assert.Equal((2, 0, 0), ((int)returned["papersTotal"].NumberValue, (int)returned["papersDigitised"].NumberValue, (int)returned["papersReused"].NumberValue));
        Assert.False(returned["resultElectronic"].BoolValue);
        Assert.True(returned["paidOnline"].BoolValue);
        Assert.Equal(Procedure, returned["procedureCode"].StringValue);
        Assert.Equal(Google.Protobuf.WellKnownTypes.Value.KindOneofCase.NullValue, returned["withinTarget"].KindCase);
        Assert.DoesNotContain("Nguyễn Thị Hoa", string.Join("", changes.Select(c => c.Payload.ToString())));
    }
}
