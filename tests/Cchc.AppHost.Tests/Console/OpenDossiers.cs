using Cchc.Dossiers.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cchc.AppHost.Tests.Console;

/// <summary>
/// Dossiers made through the gateway, as the desk would make them, so a journey finds the lists as full as
/// a working day leaves them (a freshly started stack holds only a handful of open dossiers).
/// </summary>
public static class OpenDossiers
{
    private static readonly DossierStatus[] Open =
        [DossierStatus.Received, DossierStatus.InProgress, DossierStatus.SupplementRequested, DossierStatus.AwaitingPayment, DossierStatus.WithdrawalRequested];

    private sealed record Callers(GrpcChannel Channel, Metadata Desk, Metadata Processing) : IDisposable
    {
        public void Dispose() => Channel.Dispose();
    }

    private static Callers Connect(AspireStack stack)
    {
        var tokens = stack.DevelopmentTokens();
        return new Callers(GrpcChannel.ForAddress(stack.GatewayGrpc),
            new Metadata { { "authorization", $"Bearer {tokens["desk_officer"]}" } },
            new Metadata { { "authorization", $"Bearer {tokens["processing_officer"]}" } });
    }

    private static async Task<DossierReceipt> ReceiveAsync(Callers callers, string procedureCode, IntakeChannel channel, int n)
    {
        var procedure = (await new ProcedureCatalog.ProcedureCatalogClient(callers.Channel).GetProcedureAsync(new GetProcedureRequest { Code = procedureCode }, callers.Desk)).Procedure;
        var request = new ReceiveDossierRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Applicant = new Applicant
            {
                Kind = ApplicantKind.Person, IdentityNumber = $"0381900{n % 100000:00000}", Name = $"Trần Văn Thử {n}",
                Phone = "0912345678", Address = "Phường Đông Hà, tỉnh Quảng Trị",
            },
            ProcedureCode = procedure.Code,
            AgencyCode = procedure.AgencyCode,
            Channel = channel,
        };
        request.Papers.AddRange(procedure.RequiredPapers.Select(p => new Paper { Name = p.Name, Code = p.Code, Kind = p.Kind, Count = 1 }));
        return (await new DossierService.DossierServiceClient(callers.Channel).ReceiveDossierAsync(request, callers.Desk)).Receipt;
    }

    /// <summary>An online submission as the national portal passes it on: waiting for the desk to check it (status 1).</summary>
    public static async Task<string> SubmitOnlineAsync(AspireStack stack, string procedureCode)
    {
        using var callers = Connect(stack);
        return (await ReceiveAsync(callers, procedureCode, IntakeChannel.Online, Random.Shared.Next(100000))).DossierCode;
    }

    /// <summary>A dossier received at the desk and handed to the procedure's processing unit (status 4).</summary>
    public static async Task<string> AtTheProcessingUnitAsync(AspireStack stack, string procedureCode)
    {
        using var callers = Connect(stack);
        var receipt = await ReceiveAsync(callers, procedureCode, IntakeChannel.InPerson, Random.Shared.Next(100000));
        await new DossierService.DossierServiceClient(callers.Channel).ApplyDossierActionAsync(
            new ApplyDossierActionRequest { DossierCode = receipt.DossierCode, Etag = receipt.Etag, Action = DossierAction.StartProcessing }, callers.Desk);
        return receipt.DossierCode;
    }

    /// <summary>The working day <paramref name="workingDays"/> working days after <paramref name="appointment"/>, by the agency's own calendar (holidays included).</summary>
    public static async Task<DateOnly> WorkingDaysAfterAsync(AspireStack stack, DateTimeOffset appointment, int workingDays)
    {
        using var callers = Connect(stack);
        var response = await new WorkingCalendar.WorkingCalendarClient(callers.Channel).ComputeAppointmentAsync(new ComputeAppointmentRequest
        {
            ReceivedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(appointment),
            AgencyCode = "QT.SKHCN",
            StatutoryTime = new StatutoryTime { Amount = workingDays.ToString(System.Globalization.CultureInfo.InvariantCulture), Unit = DurationUnit.WorkingDays },
        }, callers.Processing);
        return DateOnly.FromDateTime(DateTimeOffset.Parse(response.DueAtLocal, System.Globalization.CultureInfo.InvariantCulture).DateTime);
    }

    /// <summary>
    /// Receives dossiers of <paramref name="procedureCode"/> at the desk and hands them to the processing unit
    /// until the processing officer's list of open dossiers holds at least <paramref name="count"/>; returns how many it holds.
    /// </summary>
    public static async Task<int> FillProcessingListAsync(AspireStack stack, string procedureCode, int count)
    {
        var tokens = stack.DevelopmentTokens();
        using var channel = GrpcChannel.ForAddress(stack.GatewayGrpc);
        var dossiers = new DossierService.DossierServiceClient(channel);
        var desk = new Metadata { { "authorization", $"Bearer {tokens["desk_officer"]}" } };
        var processing = new Metadata { { "authorization", $"Bearer {tokens["processing_officer"]}" } };

        var list = new ListDossiersRequest { PageSize = 500 };
        list.Statuses.AddRange(Open);
        var held = (await dossiers.ListDossiersAsync(list, processing)).Dossiers.Count;
        using var callers = Connect(stack);
        // The stack's demo data moves dossiers on in the background, so some counted open may be closed meanwhile: count again and top up.
        for (var round = 0; held < count && round < 5; round++)
        {
            for (var i = held; i < count; i++)
            {
                var receipt = await ReceiveAsync(callers, procedureCode, IntakeChannel.InPerson, round * 100 + i);
                await dossiers.ApplyDossierActionAsync(
                    new ApplyDossierActionRequest { DossierCode = receipt.DossierCode, Etag = receipt.Etag, Action = DossierAction.StartProcessing }, desk);
            }
            held = (await dossiers.ListDossiersAsync(list, processing)).Dossiers.Count;
        }
        return held;
    }
}
