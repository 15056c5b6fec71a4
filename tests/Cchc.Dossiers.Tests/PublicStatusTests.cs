using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.PublicLookup;
using Cchc.Dossiers.Records;
using Cchc.Dossiers.V1;
using Cchc.Testing;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Cchc.Dossiers.Tests.DossierScenario;

namespace Cchc.Dossiers.Tests;

/// <summary>The portal's anonymous look-up by dossier code and lookup secret.</summary>
public sealed class PublicStatusTests : IClassFixture<DossiersFixture>, IAsyncLifetime
{
    private const string Procedure = "1.000301";
    private readonly DossierScenario _scenario;
    private readonly PublicStatus.PublicStatusClient _public;

    public PublicStatusTests(DossiersFixture fixture)
    {
        _scenario = new DossierScenario(fixture);
        _public = new PublicStatus.PublicStatusClient(fixture.ClockedChannel(null));
    }

    public async Task InitializeAsync()
    {
        try
        {
            await _scenario.ProcedureAsync(Procedure, workingDays: 5, name: "Cấp Giấy xác nhận đăng ký hoạt động xét tặng giải thưởng chất lượng");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<GetPublicStatusResponse> LookUp(string code, string secret) =>
        _public.GetPublicStatusAsync(new GetPublicStatusRequest { DossierCode = code, LookupSecret = secret }).ResponseAsync;

    /// <summary>A look-up as the gateway forwards it from a client at <paramref name="address"/>.</summary>
    private Task<GetPublicStatusResponse> LookUpFrom(string address, string code, string secret) =>
        _public.GetPublicStatusAsync(new GetPublicStatusRequest { DossierCode = code, LookupSecret = secret },
            new Metadata { { "x-forwarded-for", address } }).ResponseAsync;

    private HttpClient AnonymousRest() => _scenario.Fixture.Clocked.CreateClient();

    private static string WithoutCorrelation(JsonElement problem)
    {
        var copy = System.Text.Json.Nodes.JsonNode.Parse(problem.GetRawText())!.AsObject();
        copy.Remove("correlationId");
        return copy.ToJsonString();
    }

    private static string WrongSecret(string secret) => (secret[0] == 'A' ? "B" : "A") + secret[1..];

    [Fact]
    public async Task The_cache_keeps_the_newest_entry_whatever_order_changes_are_published_in()
    {
        _scenario.At(2026, 3, 16, 9, 0);
        var receipt = await _scenario.ReceiveAsync(NewIntake(Procedure));
        var services = _scenario.Fixture.Clocked.Services;
        var cache = services.GetRequiredService<PublicStatusCache>();
        var dossier = await _scenario.InDatabase(db => db.Dossiers.AsNoTracking().Include(d => d.Procedure).SingleAsync(d => d.Code == receipt.DossierCode));

        // Version 3 (say, the desk's latest action) lands first; version 2, published late, must not put the older status back.
        dossier.Version = 3;
        dossier.SupplementRequirements = "bản mới nhất";
        await cache.PublishAsync(dossier);
        dossier.Version = 2;
        dossier.SupplementRequirements = "bản cũ";
        await cache.PublishAsync(dossier);

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var entry = await cache.GetAsync(receipt.DossierCode, db, CancellationToken.None);
        Assert.Equal((3, "bản mới nhất"), (entry!.Version, entry.SupplementRequirements));
        // And it still expires.
        var redis = services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase();
        var ttl = await redis.KeyTimeToLiveAsync($"{services.GetRequiredService<CacheNamespace>().Prefix}public-status:{receipt.DossierCode}");
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(1), services.GetRequiredService<IOptions<DossierOptions>>().Value.PublicStatusCacheTtl);
    }

    [Fact]
    public async Task A_citizen_reads_the_status_with_the_code_and_secret_of_the_receipt_over_gRPC_and_REST_without_an_account()
    {
        _scenario.At(2026, 5, 4, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);

        var status = await LookUp(receipt.DossierCode, receipt.LookupSecret.ToLowerInvariant());
        using var rest = AnonymousRest();
        var json = await rest.GetFromJsonAsync<JsonElement>(
            $"/dossiers/v1/public/dossiers/{receipt.DossierCode}/status?lookupSecret={receipt.LookupSecret}");
        var body = json.GetRawText();

        Assert.Equal(receipt.DossierCode, status.DossierCode);
        Assert.Equal(DossierStatus.Received, status.Status);
        Assert.Equal(2, status.StatusCode);
        Assert.Equal("Được tiếp nhận", status.StatusName);
        Assert.Equal("Cấp Giấy xác nhận đăng ký hoạt động xét tặng giải thưởng chất lượng", status.ProcedureName);
        Assert.Equal(receipt.ReceivedAt, status.ReceivedAt);
        Assert.Equal(receipt.DueAt, status.DueAt);
        Assert.Equal("2026-05-11T17:00:00+07:00", status.DueAtLocal);
        Assert.Equal("DOSSIER_STATUS_RECEIVED", json.GetProperty("status").GetString());
        Assert.Equal("Được tiếp nhận", json.GetProperty("statusName").GetString());
        // Nothing personal, and never the secret itself.
        Assert.DoesNotContain("Nguyễn Thị Hoa", body);
        Assert.DoesNotContain("045090001234", body);
        Assert.DoesNotContain("0912345678", body);
        Assert.DoesNotContain(receipt.LookupSecret, body);
    }

    [Fact]
    public async Task A_wrong_secret_and_an_unknown_code_get_the_same_NOT_FOUND_over_gRPC_and_REST()
    {
        _scenario.At(2026, 5, 4, 10, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        var unknownCode = receipt.DossierCode[..^4] + "9999";

        var wrong = await RpcAssert.FailsWith(StatusCode.NotFound, () => LookUp(receipt.DossierCode, WrongSecret(receipt.LookupSecret)));
        var unknown = await RpcAssert.FailsWith(StatusCode.NotFound, () => LookUp(unknownCode, receipt.LookupSecret));
        using var rest = AnonymousRest();
        var wrongRest = await RpcAssert.RestFails(await rest.GetAsync(
            $"/dossiers/v1/public/dossiers/{receipt.DossierCode}/status?lookupSecret={WrongSecret(receipt.LookupSecret)}"), HttpStatusCode.NotFound);
        var unknownRest = await RpcAssert.RestFails(await rest.GetAsync(
            $"/dossiers/v1/public/dossiers/{unknownCode}/status?lookupSecret={receipt.LookupSecret}"), HttpStatusCode.NotFound);

        Assert.Equal(unknown.Message.Replace(unknownCode, receipt.DossierCode), wrong.Message);
        Assert.Equal(unknown.Details.Count, wrong.Details.Count);
        Assert.Equal(WithoutCorrelation(unknownRest).Replace(unknownCode, receipt.DossierCode), WithoutCorrelation(wrongRest));
    }

    [Fact]
    public async Task After_each_action_the_public_status_shows_the_new_status_at_once()
    {
        _scenario.At(2026, 5, 5, 9, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);
        var seen = new List<(int Code, string Requirements)>();

        async Task Read() => seen.Add(await LookUp(receipt.DossierCode, receipt.LookupSecret) is var s ? (s.StatusCode, s.SupplementRequirements) : default);

        await Read();
        await Read();
        _scenario.At(2026, 5, 5, 10, 0);
        await _scenario.ActAsync(DeskOfficer(), receipt.DossierCode, DossierAction.StartProcessing);
        await Read();
        _scenario.At(2026, 5, 6, 10, 0);
        await _scenario.ActAsync(ProcessingOfficer(QualityUnit), receipt.DossierCode, DossierAction.RequestSupplement, r =>
        {
            r.Reason = "Thiếu báo cáo tự đánh giá";
            r.SupplementRequirements = "Báo cáo tự đánh giá theo Mẫu 03";
        });
        await Read();
        _scenario.At(2026, 5, 7, 10, 0);
        await _scenario.ActAsync(DeskOfficer(), receipt.DossierCode, DossierAction.SupplementProvided);
        var resumed = await LookUp(receipt.DossierCode, receipt.LookupSecret);
        await Read();

        Assert.Equal([(2, ""), (2, ""), (4, ""), (5, "Báo cáo tự đánh giá theo Mẫu 03"), (4, "")], seen);
        Assert.Equal("2026-05-13T17:00:00+07:00", resumed.DueAtLocal);
    }

    [Fact]
    public async Task The_status_is_served_from_the_cache_and_each_change_replaces_the_cached_entry()
    {
        const string code = "1.000302";
        await _scenario.ProcedureAsync(code, workingDays: 3);
        _scenario.At(2026, 5, 5, 14, 0);
        var receipt = await _scenario.ReceiveAsync(code);
        var first = await LookUp(receipt.DossierCode, receipt.LookupSecret);
        // Written behind the service's back: only a read from the database would see it.
        using (var scope = _scenario.Fixture.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Database
                .ExecuteSqlAsync($"UPDATE dossiers SET due_at = due_at + interval '1 day' WHERE code = {receipt.DossierCode}");
        }

        var cached = await LookUp(receipt.DossierCode, receipt.LookupSecret);
        await _scenario.ActAsync(DeskOfficer(), receipt.DossierCode, DossierAction.StartProcessing);
        var replaced = await LookUp(receipt.DossierCode, receipt.LookupSecret);

        Assert.Equal("2026-05-08T17:00:00+07:00", first.DueAtLocal);
        Assert.Equal("2026-05-08T17:00:00+07:00", cached.DueAtLocal);
        Assert.Equal("2026-05-09T17:00:00+07:00", replaced.DueAtLocal);
        Assert.Equal(4, replaced.StatusCode);
    }

    [Fact]
    public async Task Ten_failed_look_ups_lock_a_code_for_the_window_from_that_network_even_for_the_right_secret_while_other_codes_still_answer()
    {
        _scenario.At(2026, 5, 8, 9, 0);
        var target = await _scenario.ReceiveAsync(Procedure);
        var other = await _scenario.ReceiveAsync(Procedure);
        var unknownCode = target.DossierCode[..^4] + "8888";

        for (var attempt = 0; attempt < 10; attempt++)
        {
            await RpcAssert.FailsWith(StatusCode.NotFound, () => LookUp(target.DossierCode, WrongSecret(target.LookupSecret)));
            await RpcAssert.FailsWith(StatusCode.NotFound, () => LookUp(unknownCode, "ABCDEFGH"));
        }
        var locked = await RpcAssert.FailsWith(StatusCode.ResourceExhausted, () => LookUp(target.DossierCode, target.LookupSecret));
        await RpcAssert.FailsWith(StatusCode.ResourceExhausted, () => LookUp(unknownCode, "ABCDEFGH"));
        using var rest = AnonymousRest();
        var lockedRest = await rest.GetAsync($"/dossiers/v1/public/dossiers/{target.DossierCode}/status?lookupSecret={target.LookupSecret}");
        var otherStatus = await LookUp(other.DossierCode, other.LookupSecret);

        Assert.NotNull(locked.GetDetail<QuotaFailure>());
        Assert.InRange(locked.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan(), TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedRest.StatusCode);
        Assert.Equal(2, otherStatus.StatusCode);
    }

    [Fact]
    public async Task Guessing_from_one_network_locks_out_that_network_only_and_the_applicant_elsewhere_is_slowed_not_refused()
    {
        _scenario.At(2026, 5, 8, 11, 0);
        var target = await _scenario.ReceiveAsync(Procedure);
        var elsewhere = await _scenario.ReceiveAsync(Procedure);

        // Ten failures from 2001:db8:7:1::/64, spread over its addresses, lock the code for that /64 alone.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await RpcAssert.FailsWith(StatusCode.NotFound, () => LookUpFrom($"2001:db8:7:1::{attempt + 1:x}", target.DossierCode, WrongSecret(target.LookupSecret)));
        }
        var sameNetwork = await RpcAssert.FailsWith(StatusCode.ResourceExhausted,
            () => LookUpFrom("2001:db8:7:1:ffff:ffff:ffff:ffff", target.DossierCode, target.LookupSecret));
        var applicant = await LookUpFrom("2001:db8:7:2::1", target.DossierCode, target.LookupSecret);
        var applicantOverIpv4 = await LookUpFrom("198.51.100.7", target.DossierCode, target.LookupSecret);

        // Twenty more failures from the same /64 on other codes reach the network's limit of thirty.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await RpcAssert.FailsWith(StatusCode.NotFound, () => LookUpFrom("2001:db8:7:1::99", $"{elsewhere.DossierCode[..^4]}{7000 + attempt}", "ABCDEFGH"));
        }
        var networkLocked = await RpcAssert.FailsWith(StatusCode.ResourceExhausted, () => LookUpFrom("2001:db8:7:1::5", elsewhere.DossierCode, elsewhere.LookupSecret));

        Assert.Equal("dossier_code", sameNetwork.GetDetail<QuotaFailure>()!.Violations.Single().Subject);
        Assert.NotNull(sameNetwork.GetDetail<RetryInfo>());
        Assert.Equal(target.DossierCode, applicant.DossierCode);
        Assert.Equal(target.DossierCode, applicantOverIpv4.DossierCode);
        Assert.Equal("network", networkLocked.GetDetail<QuotaFailure>()!.Violations.Single().Subject);
        Assert.Equal(elsewhere.DossierCode, (await LookUpFrom("203.0.113.9", elsewhere.DossierCode, elsewhere.LookupSecret)).DossierCode);
    }

    [Fact]
    public async Task A_burst_of_guesses_from_one_network_gets_exactly_the_limit_checked_and_the_rest_refused()
    {
        _scenario.At(2026, 5, 8, 12, 0);
        var target = await _scenario.ReceiveAsync(Procedure);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            try
            {
                await LookUpFrom("192.0.2.77", target.DossierCode, WrongSecret(target.LookupSecret));
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));

        Assert.Equal(10, outcomes.Count(o => o == StatusCode.NotFound));
        Assert.Equal(30, outcomes.Count(o => o == StatusCode.ResourceExhausted));
    }

    [Fact]
    public async Task Many_right_look_ups_at_once_from_one_network_are_no_failures_and_none_is_refused()
    {
        _scenario.At(2026, 5, 8, 13, 0);
        var receipts = new List<DossierReceipt>();
        for (var i = 0; i < 15; i++)
        {
            receipts.Add(await _scenario.ReceiveAsync(Procedure));
        }

        // The portal's server, say: one address, twice as many concurrent look-ups as the network's failure limit.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            var receipt = receipts[i % receipts.Count];
            try
            {
                await LookUpFrom("198.51.100.20", receipt.DossierCode, receipt.LookupSecret);
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));

        Assert.All(outcomes, o => Assert.Equal(StatusCode.OK, o));
    }

    [Theory]
    [InlineData("203.0.113.77", 24, "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.77", 24, "203.0.113.0/24")]
    [InlineData("203.0.113.77", 32, "203.0.113.77/32")]
    [InlineData("2001:db8:7:1:abcd:1:2:3", 24, "2001:db8:7:1::/64")]
    public void A_caller_is_counted_by_network_a_slash_24_or_a_slash_64(string address, int ipv4Bits, string network) =>
        Assert.Equal(network, Cchc.ServiceDefaults.Security.ClientNetwork.Of(System.Net.IPAddress.Parse(address), ipv4Bits));

    [Fact]
    public async Task Only_a_keyed_hash_of_the_lookup_secret_is_stored()
    {
        _scenario.At(2026, 5, 8, 10, 0);
        var receipt = await _scenario.ReceiveAsync(Procedure);

        using var scope = _scenario.Fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var row = await db.Database.SqlQuery<string>($"SELECT row_to_json(d)::text AS \"Value\" FROM dossiers d WHERE code = {receipt.DossierCode}").SingleAsync();

        Assert.DoesNotContain(receipt.LookupSecret, row);
        Assert.DoesNotContain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(receipt.LookupSecret))), row);
    }
}
