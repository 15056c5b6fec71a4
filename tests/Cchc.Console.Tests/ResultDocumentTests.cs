using Cchc.Console.Presentation;
using Cchc.Dossiers.V1;

namespace Cchc.Console.Tests;

public sealed class ResultDocumentTests
{
    [Theory]
    [InlineData(DossierStatus.InProgress, "processing_officer", true)]
    [InlineData(DossierStatus.AwaitingPayment, "unit_head", true)]
    [InlineData(DossierStatus.ResultReady, "desk_officer", true)]
    [InlineData(DossierStatus.ResultReady, "leadership", false)]
    [InlineData(DossierStatus.Received, "processing_officer", false)]
    [InlineData(DossierStatus.SupplementRequested, "processing_officer", false)]
    [InlineData(DossierStatus.ResultReturned, "desk_officer", false)]
    public void The_electronic_result_is_attached_while_processing_awaiting_payment_or_ready(DossierStatus status, string role, bool may) =>
        Assert.Equal(may, ResultDocuments.MayAttach(new Dossier { Status = status }, [role]));
}
