using Cchc.Dossiers.Data;
using Cchc.Dossiers.Records;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Dossiers.Statistics;

/// <summary>
/// Statistics over the dossiers a caller may see: officials their unit's subtree, leadership and the
/// follow-up office their agency, administrators and integrators (keys with <c>dossiers:read</c>) any unit.
/// </summary>
public sealed class DossierStatisticsGrpcService(DossierStatisticsQuery query, DossiersDbContext db, ServiceClock clock)
    : DossierStatistics.DossierStatisticsBase
{
    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<GetDossierStatisticsResponse> GetDossierStatistics(GetDossierStatisticsRequest request, ServerCallContext context)
    {
        var validation = new Validation()
            .Require(request.UnitCode.Length <= 64, "unit_code", "must be at most 64 characters")
            .Require(request.ProcedureCode.Length == 0 || Procedures.Procedure.IsValidCode(request.ProcedureCode), "procedure_code",
                "must be a national procedure code such as 2.000815")
            .Require(request.GroupBy is StatisticsGroupBy.Unit or StatisticsGroupBy.Procedure or StatisticsGroupBy.Month, "group_by",
                "must be UNIT, PROCEDURE or MONTH");
        var period = StatisticsPeriod.Parse(request, validation);
        validation.ThrowIfInvalid();

        var caller = context.GetCaller();
        // Integrators are admitted by their key's scope (dossiers:read) and name no unit of their own.
        var unrestricted = caller.IsIn(Roles.Administrator) || caller.IsIn(Roles.Integrator);
        var unit = request.UnitCode.Length > 0 ? request.UnitCode : unrestricted ? null : caller.ScopeUnit;
        if (!unrestricted && (unit is null || !caller.CanAccessUnit(unit)))
        {
            throw DossierErrors.PermissionDenied("UNIT_OUT_OF_SCOPE", unit is null
                ? "Your token names no unit, so no dossier is within your scope."
                : $"Unit {unit} is outside your scope ({caller.ScopeUnit ?? "none"}).");
        }

        var now = clock.UtcNow();
        var (rows, total) = await query.RunAsync(
            new DossierStatisticsQuery.Filter(unit, request.ProcedureCode.Length > 0 ? request.ProcedureCode : null, period!, request.GroupBy, now),
            context.CancellationToken);
        if (request.GroupBy == StatisticsGroupBy.Procedure && rows.Count > 0)
        {
            var codes = rows.Select(r => r.Key).ToList();
            var names = await db.Procedures.AsNoTracking()
                .Where(p => codes.Contains(p.Code))
                .GroupBy(p => p.Code)
                .Select(g => g.OrderByDescending(p => p.Version).Select(p => new { p.Code, p.Name }).First())
                .ToDictionaryAsync(p => p.Code, p => p.Name, context.CancellationToken);
            foreach (var row in rows)
            {
                row.Name = names.GetValueOrDefault(row.Key, "");
            }
        }

        var response = new GetDossierStatisticsResponse
        {
            Total = total,
            PeriodStart = Timestamp.FromDateTimeOffset(period!.Start),
            PeriodEnd = Timestamp.FromDateTimeOffset(period.End),
            AsOf = Timestamp.FromDateTimeOffset(now),
        };
        response.Rows.AddRange(rows);
        return response;
    }
}
