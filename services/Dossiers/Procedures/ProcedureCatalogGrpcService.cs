using Cchc.Dossiers.Data;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Contract = Cchc.Dossiers.V1;

namespace Cchc.Dossiers.Procedures;

public sealed class ProcedureCatalogGrpcService(DossiersDbContext db, ProcedureCache cache) : Contract.ProcedureCatalog.ProcedureCatalogBase
{
    private const string ResourceType = "cchc.dossiers.v1.Procedure";

    // The catalogue is public information: the portal shows it to anyone.
    [AllowAnonymous]
    public override async Task<Contract.ListProceduresResponse> ListProcedures(Contract.ListProceduresRequest request, ServerCallContext context)
    {
        var pageSize = PageTokens.Size(request.PageSize);
        var after = PageTokens.Decode(request.PageToken);
        // The latest version of each procedure.
        var query = db.Procedures.AsNoTracking()
            .Where(p => p.Version == db.Procedures.Where(q => q.Code == p.Code).Max(q => q.Version));
        if (request.Field.Length > 0)
        {
            query = query.Where(p => p.Field == request.Field);
        }
        if (request.AgencyCode.Length > 0)
        {
            query = query.Where(p => p.AgencyCode == request.AgencyCode);
        }
        if (after is not null)
        {
            query = query.Where(p => string.Compare(p.Code, after) > 0);
        }
        var page = await query.OrderBy(p => p.Code).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new Contract.ListProceduresResponse();
        response.Procedures.AddRange(page.Take(pageSize).Select(ToContract));
        if (page.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Encode(page[pageSize - 1].Code);
        }
        return response;
    }

    [AllowAnonymous]
    public override async Task<Contract.GetProcedureResponse> GetProcedure(Contract.GetProcedureRequest request, ServerCallContext context)
    {
        new Validation()
            .RequireText(request.Code, "code", 20)
            .Require(request.Version >= 0, "version", "must be a version number, or 0 for the latest")
            .ThrowIfInvalid();
        var procedure = await cache.GetAsync(db, request.Code, request.Version, context.CancellationToken)
            ?? throw RpcErrors.NotFound(ResourceType, request.Version > 0 ? $"{request.Code}@{request.Version}" : request.Code);
        return new Contract.GetProcedureResponse { Procedure = procedure };
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<Contract.CreateProcedureResponse> CreateProcedure(Contract.CreateProcedureRequest request, ServerCallContext context)
    {
        var input = request.Procedure;
        new Validation().Require(input is not null, "procedure", "is required").ThrowIfInvalid();
        var validation = new Validation()
            .RequireText(input!.Code, "procedure.code", 20)
            .Require(input.Code.Length == 0 || Procedure.IsValidCode(input.Code), "procedure.code",
                "must be a national TTHC code: one digit, a dot and six digits, e.g. 2.000815");
        var procedure = ProcedureInput.Parse(input, input.Code, 1, context.GetCaller(), validation);

        if (await db.Procedures.AnyAsync(p => p.Code == input.Code, context.CancellationToken))
        {
            throw RpcErrors.AlreadyExists(ResourceType, input.Code);
        }
        db.Procedures.Add(procedure);
        await SaveVersionAsync(procedure, context.CancellationToken);
        await cache.VersionAddedAsync(procedure.Code);
        return new Contract.CreateProcedureResponse { Procedure = ToContract(procedure) };
    }

    // The catalogue is the province's to publish; amendments follow a published decision.
    [Authorize(Roles = Roles.Administrator)]
    public override async Task<Contract.AmendProcedureResponse> AmendProcedure(Contract.AmendProcedureRequest request, ServerCallContext context)
    {
        var input = request.Procedure;
        new Validation()
            .RequireText(request.Code, "code", 20)
            .Require(input is not null, "procedure", "is required")
            .Require(input is null || input.Code.Length == 0 || input.Code == request.Code, "procedure.code", "must be empty or the code being amended")
            .Require(request.BaseVersion > 0, "base_version", "must be the latest version as last read")
            .RequireText(input?.ChangeNote, "procedure.change_note", 2000)
            .ThrowIfInvalid();

        var latest = await db.Procedures.AsNoTracking()
            .Where(p => p.Code == request.Code)
            .MaxAsync(p => (int?)p.Version, context.CancellationToken)
            ?? throw RpcErrors.NotFound(ResourceType, request.Code);
        var procedure = ProcedureInput.Parse(input!, request.Code, latest + 1, context.GetCaller());
        if (request.BaseVersion != latest)
        {
            throw RpcErrors.Aborted(
                $"Procedure {request.Code} is at version {latest}, not {request.BaseVersion}; read it again and amend the latest version.");
        }
        db.Procedures.Add(procedure);
        await SaveVersionAsync(procedure, context.CancellationToken);
        await cache.VersionAddedAsync(procedure.Code);
        return new Contract.AmendProcedureResponse { Procedure = ToContract(procedure) };
    }

    [AllowAnonymous]
    public override async Task<Contract.ListProcedureVersionsResponse> ListProcedureVersions(Contract.ListProcedureVersionsRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.Code, "code", 20).ThrowIfInvalid();
        var versions = await db.Procedures.AsNoTracking()
            .Where(p => p.Code == request.Code)
            .OrderByDescending(p => p.Version)
            .ToListAsync(context.CancellationToken);
        if (versions.Count == 0)
        {
            throw RpcErrors.NotFound(ResourceType, request.Code);
        }
        var response = new Contract.ListProcedureVersionsResponse();
        response.Versions.AddRange(versions.Select(ToContract));
        return response;
    }

    /// <summary>Two writers racing for one version number: the primary key lets one in, the other is ABORTED.</summary>
    private async Task SaveVersionAsync(Procedure procedure, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw procedure.Version == 1
                ? RpcErrors.AlreadyExists(ResourceType, procedure.Code)
                : RpcErrors.Aborted($"Procedure {procedure.Code} was amended by someone else at the same time; read it again.");
        }
    }

    internal static Contract.Procedure ToContract(Procedure p)
    {
        var procedure = new Contract.Procedure
        {
            Code = p.Code,
            Version = p.Version,
            Name = p.Name,
            Field = p.Field,
            AgencyCode = p.AgencyCode,
            ProcessingUnitCode = p.ProcessingUnitCode,
            StatutoryTime = StatutoryTimes.ToContract(p.StatutoryAmount, p.StatutoryUnit),
            FeeVnd = p.FeeVnd,
            OnlineLevel = (Contract.OnlineLevel)p.OnlineLevel,
            ResultKind = (Contract.ResultKind)p.ResultKind,
            ResultName = p.ResultName,
            TargetCutPercent = p.TargetCutPercent ?? 0,
            TargetTime = p.TargetAmount is { } target ? StatutoryTimes.ToContract(target, p.StatutoryUnit) : null,
            ChangeNote = p.ChangeNote,
            CreateTime = Timestamp.FromDateTimeOffset(p.CreatedAt),
            CreatedBy = p.CreatedBy,
            AfternoonCutoff = (Contract.AfternoonCutoff)p.AfternoonCutoff,
        };
        procedure.Fees.AddRange(p.Fees.Select(f => new Contract.ProcedureFee { Name = f.Name, Kind = (Contract.FeeKind)f.Kind, AmountVnd = f.AmountVnd }));
        procedure.RequiredPapers.AddRange(p.RequiredPapers.Select(r => new Contract.RequiredPaper
        {
            Code = r.Code, Name = r.Name, Kind = (Contract.PaperKind)r.Kind, Count = r.Count,
        }));
        procedure.ProcessSteps.AddRange(p.ProcessSteps.Select((s, i) => new Contract.ProcessStep
        {
            Order = i + 1,
            Name = s.Name,
            UnitCode = s.UnitCode,
            Role = s.Role,
            Allowance = StatutoryTimes.ToContract(s.Allowance, p.StatutoryUnit),
        }));
        return procedure;
    }
}
