using System.Globalization;
using Cchc.Indexes.Data;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using V1 = Cchc.Indexes.V1;

namespace Cchc.Indexes.ServiceIndex;

/// <summary>The real-time 766 service index per unit, agency and province, per month, quarter and year.</summary>
public sealed class ServiceIndexGrpcService(IndexesDbContext db, ServiceIndexCalculator calculator, ILogger<ServiceIndexGrpcService> logger)
    : V1.ServiceIndexService.ServiceIndexServiceBase
{
    private const string Editors = $"{Roles.Administrator},{Roles.FollowUpOffice}";

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<V1.GetServiceIndexResponse> GetServiceIndex(V1.GetServiceIndexRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var (scope, period) = ParseScopeAndPeriod(request.ScopeKind, request.ScopeCode, request.PeriodKind, request.Period, validation);
        validation.ThrowIfInvalid();
        EnsureMayRead(context.GetCaller(), scope, request.ScopeCode);
        var figures = await calculator.ComputeAsync(scope, request.ScopeCode, period!, context.CancellationToken);
        var response = new V1.GetServiceIndexResponse
        {
            ScopeKind = request.ScopeKind,
            ScopeCode = request.ScopeCode,
            PeriodKind = request.PeriodKind,
            Period = period!.ToString(),
            TotalPoints = Format(figures.TotalPoints),
            MaxTotal = Format(Indicators.MaxTotal),
            ComputedLostPoints = Format(figures.ComputedLostPoints),
            ManualMissing = figures.ManualMissing,
            DossiersReceived = figures.DossiersReceived,
            AsOfSequence = figures.AsOfSequence,
        };
        response.Indicators.AddRange(figures.Indicators.Select(ToContract));
        return response;
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<V1.ListLosingDossiersResponse> ListLosingDossiers(V1.ListLosingDossiersRequest request, ServerCallContext context)
    {
        var validation = new Validation().RequireText(request.IndicatorCode, "indicator_code", 16);
        var (scope, period) = ParseScopeAndPeriod(request.ScopeKind, request.ScopeCode, request.PeriodKind, request.Period, validation);
        var definition = Indicators.Find(request.IndicatorCode);
        if (!string.IsNullOrWhiteSpace(request.IndicatorCode))
        {
            validation.Require(definition is not null, "indicator_code", $"no indicator '{request.IndicatorCode}' in SERVICE_766")
                .Require(definition is null || ServiceIndexCalculator.IsComputed(definition.Code), "indicator_code",
                    "is entered by hand: no dossiers stand behind it");
        }
        validation.ThrowIfInvalid();
        var caller = context.GetCaller();
        EnsureMayRead(caller, scope, request.ScopeCode);
        var pageSize = PageTokens.Size(request.PageSize);
        var after = PageTokens.Decode(request.PageToken) ?? "";

        var figures = await calculator.ComputeAsync(scope, request.ScopeCode, period!, context.CancellationToken);
        var figure = figures.Indicators.Single(i => i.Definition.Code == definition!.Code);
        var response = new V1.ListLosingDossiersResponse { LostPoints = Format(figure.LostPoints ?? 0) };
        // At full marks no dossier lost anything, even those below the indicator's condition.
        if (figure.LostPoints is not > 0)
        {
            return response;
        }
        // The province's figures are aggregates anyone may read, but its dossiers are listed only to
        // administrators; others see those of their own agency (an integrator, of none).
        var withinAgency = caller.IsIn(Roles.Administrator) ? null : AgencyOf(caller);
        if (!caller.IsIn(Roles.Administrator) && withinAgency is null)
        {
            return response;
        }
        var page = await calculator.ListLosingAsync(definition!.Code, scope, request.ScopeCode, period!, after, pageSize + 1, context.CancellationToken,
            withinAgency);
        response.Dossiers.AddRange(page.Take(pageSize).Select(d => new V1.LosingDossier
        {
            DossierCode = d.DossierCode,
            AgencyCode = d.AgencyCode,
            ReceivingUnitCode = d.ReceivingUnitCode,
            ProcedureCode = d.ProcedureCode,
            ReceivedAt = Timestamp.FromDateTimeOffset(d.ReceivedAt),
            Reason = d.Reason,
        }));
        if (page.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Encode(page[pageSize - 1].DossierCode);
        }
        return response;
    }

    [Authorize(Roles = Editors)]
    public override async Task<V1.SetManualIndicatorResponse> SetManualIndicator(V1.SetManualIndicatorRequest request, ServerCallContext context)
    {
        var validation = new Validation().RequireText(request.IndicatorCode, "indicator_code", 16)
            .Require(request.Note.Length <= 500, "note", "must be at most 500 characters");
        var (scope, period) = ParseScopeAndPeriod(request.ScopeKind, request.ScopeCode, request.PeriodKind, request.Period, validation);
        var definition = Indicators.Find(request.IndicatorCode);
        if (!string.IsNullOrWhiteSpace(request.IndicatorCode))
        {
            validation.Require(definition is not null, "indicator_code", $"no indicator '{request.IndicatorCode}' in SERVICE_766")
                .Require(definition is null || definition.Origin == IndicatorOrigin.Manual, "indicator_code",
                    "is computed from the dossiers and cannot be entered by hand");
        }
        var ratioValid = decimal.TryParse(request.Ratio, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ratio);
        validation.Require(ratioValid && ratio is >= 0 and <= 1, "ratio", "must be a decimal between 0 and 1, e.g. \"0.85\"");
        validation.ThrowIfInvalid();

        var caller = context.GetCaller();
        // Administrators enter any scope; the follow-up office only a unit or agency within its own agency
        // (a province's figures are administrators', unless the caller's agency is the province itself).
        if (!caller.CanAccessUnit(request.ScopeCode))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"{scope} {request.ScopeCode} is outside your agency; its follow-up office or an administrator enters its indicators."));
        }

        var periodText = period!.ToString();
        var value = await db.ManualIndicators.FirstOrDefaultAsync(m => m.IndicatorCode == definition!.Code && m.ScopeKind == scope
            && m.ScopeCode == request.ScopeCode && m.PeriodKind == period.Kind && m.Period == periodText, context.CancellationToken);
        if (value is null)
        {
            value = new ManualIndicatorValue
            {
                IndicatorCode = definition!.Code, ScopeKind = scope, ScopeCode = request.ScopeCode, PeriodKind = period.Kind, Period = periodText,
                EnteredBy = caller.Subject,
            };
            db.ManualIndicators.Add(value);
        }
        value.Ratio = ratio;
        value.Note = request.Note;
        value.EnteredBy = caller.Subject;
        value.EnteredAt = ServiceClock.System.UtcNow();
        await db.SaveChangesAsync(context.CancellationToken);
        logger.LogInformation("Indicator {Indicator} of {Scope} {Code} for {Period} entered as {Ratio} by {Caller}",
            value.IndicatorCode, scope, value.ScopeCode, periodText, ratio, caller.Subject);
        return new V1.SetManualIndicatorResponse
        {
            Indicator = ToContract(new IndicatorFigure(definition!, 0, 0, ratio, definition!.Points(ratio), value)),
        };
    }

    /// <summary>The agency whose units and dossiers a non-administrator reads: the token's agency, else its unit.</summary>
    private static string? AgencyOf(Caller caller) => caller.Agency ?? caller.Unit;

    /// <summary>
    /// A unit's or an agency's figures (late dossiers, dissatisfied ratings) are for administrators and the
    /// officials of that agency; another agency's answer NOT_FOUND. A province's stay readable as aggregates.
    /// </summary>
    private static void EnsureMayRead(Caller caller, ScopeKind scope, string scopeCode)
    {
        if (scope == ScopeKind.Province || caller.IsIn(Roles.Administrator))
        {
            return;
        }
        if (AgencyOf(caller) is not { } agency || !Caller.IsWithin(scopeCode, agency))
        {
            throw RpcErrors.NotFound(ScopeResourceType, $"{scope.ToString().ToUpperInvariant()}/{scopeCode}");
        }
    }

    private const string ScopeResourceType = "cchc.indexes.v1.ServiceIndexScope";

    private static (ScopeKind Scope, ReportingPeriod? Period) ParseScopeAndPeriod(V1.ScopeKind scopeKind, string scopeCode, V1.PeriodKind periodKind,
        string periodText, Validation validation)
    {
        validation.Require(scopeKind != V1.ScopeKind.Unspecified && System.Enum.IsDefined(scopeKind), "scope_kind", "must be UNIT, AGENCY or PROVINCE")
            .RequireText(scopeCode, "scope_code", 64)
            .Require(periodKind != V1.PeriodKind.Unspecified && System.Enum.IsDefined(periodKind), "period_kind", "must be MONTH, QUARTER or YEAR");
        ReportingPeriod? period = null;
        if (periodKind != V1.PeriodKind.Unspecified && System.Enum.IsDefined(periodKind))
        {
            var kind = (PeriodKind)(int)periodKind;
            validation.Require(ReportingPeriod.TryParse(kind, periodText, out period), "period", kind switch
            {
                PeriodKind.Month => "must be a month such as \"2026-03\"",
                PeriodKind.Quarter => "must be a quarter such as \"2026-Q1\"",
                _ => "must be a year such as \"2026\"",
            });
        }
        return ((ScopeKind)(int)scopeKind, period);
    }

    private static V1.Indicator ToContract(IndicatorFigure figure)
    {
        var d = figure.Definition;
        var indicator = new V1.Indicator
        {
            Code = d.Code,
            Name = d.Name,
            GroupCode = d.GroupCode,
            Source = d.Origin == IndicatorOrigin.Computed ? V1.IndicatorSource.Computed : V1.IndicatorSource.Manual,
            MaxPoints = Format(d.Max),
            Threshold = d.Threshold is { } t ? t.ToString("0.00", CultureInfo.InvariantCulture) : "",
            Formula = d.Formula,
            Numerator = figure.Numerator,
            Denominator = figure.Denominator,
            Ratio = figure.Ratio is { } r ? r.ToString("0.0000", CultureInfo.InvariantCulture) : "",
            Points = figure.Points is { } p ? Format(p) : "",
            LostPoints = figure.LostPoints is { } l ? Format(l) : "",
            Unconfirmed = d.Unconfirmed,
            Entered = figure.Manual is not null,
        };
        if (figure.Manual is { } manual)
        {
            indicator.EnteredBy = manual.EnteredBy;
            indicator.EnteredAt = Timestamp.FromDateTimeOffset(manual.EnteredAt);
            indicator.Note = manual.Note;
        }
        return indicator;
    }

    private static string Format(decimal value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
