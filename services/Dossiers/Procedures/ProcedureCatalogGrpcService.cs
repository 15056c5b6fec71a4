using Cchc.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;
using Cchc.Dossiers.Data;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Dossiers.Procedures;

public sealed class ProcedureCatalogGrpcService(DossiersDbContext db) : ProcedureCatalog.ProcedureCatalogBase
{
    private const string ResourceType = "cchc.dossiers.v1.Procedure";

    // The catalogue is public information: the portal shows it to anyone.
    [AllowAnonymous]
    public override async Task<ListProceduresResponse> ListProcedures(ListProceduresRequest request, ServerCallContext context)
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
        var response = new ListProceduresResponse();
        response.Procedures.AddRange(page.Take(pageSize).Select(ToContract));
        if (page.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Encode(page[pageSize - 1].Code);
        }
        return response;
    }

    [AllowAnonymous]
    public override async Task<GetProcedureResponse> GetProcedure(GetProcedureRequest request, ServerCallContext context)
    {
        new Validation().RequireText(request.Code, "code", 20).ThrowIfInvalid();
        var procedure = await db.Procedures.AsNoTracking()
            .Where(p => p.Code == request.Code)
            .OrderByDescending(p => p.Version)
            .FirstOrDefaultAsync(context.CancellationToken)
            ?? throw RpcErrors.NotFound(ResourceType, request.Code);
        return new GetProcedureResponse { Procedure = ToContract(procedure) };
    }

    [Authorize(Roles = Roles.Administrator)]
    public override async Task<CreateProcedureResponse> CreateProcedure(CreateProcedureRequest request, ServerCallContext context)
    {
        var input = request.Procedure;
        new Validation().Require(input is not null, "procedure", "is required").ThrowIfInvalid();
        var validation = new Validation()
            .RequireText(input!.Code, "procedure.code", 20)
            .Require(input.Code.Length == 0 || Procedure.IsValidCode(input.Code), "procedure.code",
                "must be a national TTHC code: one digit, a dot and six digits, e.g. 2.000815")
            .RequireText(input.Name, "procedure.name", 1000)
            .RequireText(input.Field, "procedure.field", 200)
            .RequireText(input.AgencyCode, "procedure.agency_code", 64)
            .Require(input.FeeVnd >= 0, "procedure.fee_vnd", "must not be negative")
            .Require(input.OnlineLevel != V1.OnlineLevel.Unspecified && Enum.IsDefined(input.OnlineLevel),
                "procedure.online_level", "must be NONE, PARTIAL or FULL");
        var amount = StatutoryTimes.Parse(input.StatutoryTime, "procedure.statutory_time", validation);
        validation.ThrowIfInvalid();

        if (await db.Procedures.AnyAsync(p => p.Code == input.Code, context.CancellationToken))
        {
            throw RpcErrors.AlreadyExists(ResourceType, input.Code);
        }
        var procedure = new Procedure
        {
            Code = input.Code,
            Version = 1,
            Name = input.Name.Trim(),
            Field = input.Field.Trim(),
            AgencyCode = input.AgencyCode,
            ProcessingUnitCode = input.ProcessingUnitCode,
            StatutoryAmount = amount,
            StatutoryUnit = (StatutoryUnit)input.StatutoryTime.Unit,
            FeeVnd = input.FeeVnd,
            OnlineLevel = (OnlineLevel)input.OnlineLevel,
        };
        db.Procedures.Add(procedure);
        await db.SaveChangesAsync(context.CancellationToken);
        return new CreateProcedureResponse { Procedure = ToContract(procedure) };
    }

    private static V1.Procedure ToContract(Procedure p) => new()
    {
        Code = p.Code,
        Version = p.Version,
        Name = p.Name,
        Field = p.Field,
        AgencyCode = p.AgencyCode,
        ProcessingUnitCode = p.ProcessingUnitCode,
        StatutoryTime = StatutoryTimes.ToContract(p.StatutoryAmount, p.StatutoryUnit),
        FeeVnd = p.FeeVnd,
        OnlineLevel = (V1.OnlineLevel)p.OnlineLevel,
    };
}
