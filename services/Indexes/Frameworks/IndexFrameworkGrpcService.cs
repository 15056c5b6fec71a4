using Cchc.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using Cchc.Indexes.Data;
using Cchc.Indexes.V1;
using Cchc.ServiceDefaults.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cchc.Indexes.Frameworks;

public sealed class IndexFrameworkGrpcService(IndexesDbContext db) : IndexFrameworkService.IndexFrameworkServiceBase
{
    private const string ResourceType = "cchc.indexes.v1.Framework";

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<ListFrameworksResponse> ListFrameworks(ListFrameworksRequest request, ServerCallContext context)
    {
        var latest = await db.Frameworks.AsNoTracking()
            .Where(f => f.Version == db.Frameworks.Where(g => g.Code == f.Code).Max(g => g.Version))
            .Include(f => f.Components)
            .OrderBy(f => f.Code)
            .ToListAsync(context.CancellationToken);
        var response = new ListFrameworksResponse();
        response.Frameworks.AddRange(latest.Select(ToContract));
        return response;
    }

    [Authorize(Roles = Roles.AnyCaller)]
    public override async Task<GetFrameworkResponse> GetFramework(GetFrameworkRequest request, ServerCallContext context)
    {
        new Validation()
            .RequireText(request.Code, "code", 32)
            .Require(request.Version >= 0, "version", "must not be negative")
            .ThrowIfInvalid();
        var query = db.Frameworks.AsNoTracking().Include(f => f.Components).Where(f => f.Code == request.Code);
        query = request.Version > 0 ? query.Where(f => f.Version == request.Version) : query.OrderByDescending(f => f.Version);
        var framework = await query.FirstOrDefaultAsync(context.CancellationToken)
            ?? throw RpcErrors.NotFound(ResourceType, request.Version > 0 ? $"{request.Code}@{request.Version}" : request.Code);
        return new GetFrameworkResponse { Framework = ToContract(framework) };
    }

    private static Framework ToContract(IndexFramework framework)
    {
        var byParent = framework.Components.OrderBy(c => c.Ordinal).ToLookup(c => c.ParentCode ?? "");
        Component Map(IndexComponent c)
        {
            var component = new Component { Code = c.Code, Name = c.Name, MaxScore = Format(c.MaxScore), Unconfirmed = c.Unconfirmed };
            component.Children.AddRange(byParent[c.Code].Select(Map));
            return component;
        }
        var result = new Framework
        {
            Code = framework.Code,
            Name = framework.Name,
            Version = framework.Version,
            Methodology = framework.Methodology,
            Scale = (V1.ScoreScale)framework.Scale,
            MaxTotal = Format(framework.MaxTotal),
        };
        result.Components.AddRange(byParent[""].Select(Map));
        return result;
    }

    private static string Format(decimal? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
}
