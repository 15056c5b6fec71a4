using Cchc.Console.Presentation;
using Cchc.Dossiers.V1;

namespace Cchc.Console.Tests;

public sealed class DossierActionTests
{
    private static Dossier InProgress() => new()
    {
        Status = DossierStatus.InProgress,
        AllowedActions = { DossierAction.RequestSupplement, DossierAction.RequestPayment, DossierAction.Stop, DossierAction.CompleteResult, DossierAction.TransferOut },
    };

    [Fact]
    public void A_processing_officer_is_offered_what_the_lifecycle_allows_except_stopping()
    {
        Assert.Equal(
            [DossierAction.RequestSupplement, DossierAction.RequestPayment, DossierAction.CompleteResult, DossierAction.TransferOut],
            DossierActions.Offered(InProgress(), ["processing_officer"]));
    }

    [Fact]
    public void Only_the_unit_head_may_stop_processing() =>
        Assert.Contains(DossierAction.Stop, DossierActions.Offered(InProgress(), ["unit_head"]));

    [Fact]
    public void The_desk_asks_for_a_supplement_only_on_an_online_submission_it_has_not_received()
    {
        Assert.DoesNotContain(DossierAction.RequestSupplement, DossierActions.Offered(InProgress(), ["desk_officer"]));
        var submitted = new Dossier { Status = DossierStatus.Submitted, AllowedActions = { DossierAction.Receive, DossierAction.RequestSupplement } };
        Assert.Equal([DossierAction.Receive, DossierAction.RequestSupplement], DossierActions.Offered(submitted, ["desk_officer"]));
    }

    [Fact]
    public void Leadership_is_offered_no_lifecycle_action_but_may_apologise_for_a_dossier_in_processing()
    {
        Assert.Empty(DossierActions.Offered(InProgress(), ["leadership"]));
        Assert.True(DossierActions.MayApologise(InProgress()));
        Assert.False(DossierActions.MayApologise(new Dossier { Status = DossierStatus.ResultReady }));
    }
}
