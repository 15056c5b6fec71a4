using Cchc.Dossiers.Domain.Lifecycle;
using static Cchc.Dossiers.Domain.Lifecycle.DossierAction;
using static Cchc.Dossiers.Domain.Lifecycle.DossierStatus;

namespace Cchc.Dossiers.Tests.Domain.Lifecycle;

public class DossierStateMachineTests
{
    // Written out independently of the production table so that a changed edge fails a test.
    public static TheoryData<DossierStatus, DossierAction, DossierStatus> AllowedEdges => new()
    {
        { Submitted, Receive, Received },
        { Submitted, Refuse, Refused },
        { Submitted, RequestSupplement, SupplementRequested },
        { Submitted, RequestWithdrawal, WithdrawalRequested },
        { Received, StartProcessing, InProgress },
        { Received, RequestWithdrawal, WithdrawalRequested },
        { Received, Stop, Stopped },
        { InProgress, RequestSupplement, SupplementRequested },
        { InProgress, RequestPayment, AwaitingPayment },
        { InProgress, CompleteResult, ResultReady },
        { InProgress, TransferOut, InProgress },
        { InProgress, TransferBack, InProgress },
        { InProgress, TransferToAgency, InProgress },
        { InProgress, ReturnFromAgency, InProgress },
        { InProgress, RequestWithdrawal, WithdrawalRequested },
        { InProgress, Stop, Stopped },
        { SupplementRequested, SupplementProvided, InProgress },
        { SupplementRequested, RequestWithdrawal, WithdrawalRequested },
        { SupplementRequested, Stop, Stopped },
        { AwaitingPayment, PaymentConfirmed, InProgress },
        { AwaitingPayment, RequestWithdrawal, WithdrawalRequested },
        { AwaitingPayment, Stop, Stopped },
        { WithdrawalRequested, Stop, Stopped },
        { ResultReady, ReturnResult, ResultReturned },
    };

    [Theory]
    [MemberData(nameof(AllowedEdges))]
    public void An_allowed_action_moves_the_dossier_to_its_target_status(DossierStatus from, DossierAction action, DossierStatus expected)
    {
        var applied = DossierStateMachine.TryApply(from, action, out var to);

        Assert.True(applied);
        Assert.Equal(expected, to);
        Assert.Contains(action, DossierStateMachine.AllowedActions(from));
    }

    [Theory]
    [InlineData(Submitted, StartProcessing)]
    [InlineData(Submitted, CompleteResult)]
    [InlineData(Submitted, Stop)]
    [InlineData(Received, CompleteResult)]
    [InlineData(Received, TransferOut)]
    [InlineData(InProgress, Receive)]
    [InlineData(InProgress, ReturnResult)]
    [InlineData(SupplementRequested, CompleteResult)]
    [InlineData(AwaitingPayment, CompleteResult)]
    [InlineData(WithdrawalRequested, StartProcessing)]
    [InlineData(WithdrawalRequested, RequestWithdrawal)]
    [InlineData(ResultReady, RequestWithdrawal)]
    [InlineData(ResultReady, Stop)]
    [InlineData(ResultReturned, RequestWithdrawal)]
    [InlineData(ResultReturned, Stop)]
    [InlineData(Refused, Receive)]
    [InlineData(Stopped, StartProcessing)]
    public void A_disallowed_action_is_refused(DossierStatus from, DossierAction action)
    {
        var applied = DossierStateMachine.TryApply(from, action, out _);

        Assert.False(applied);
        Assert.DoesNotContain(action, DossierStateMachine.AllowedActions(from));
    }

    [Fact]
    public void No_transition_exists_beyond_the_specified_edges()
    {
        var expected = AllowedEdges.Select(row => ((DossierStatus)row[0], (DossierAction)row[1])).ToHashSet();

        var actual = (
            from status in Enum.GetValues<DossierStatus>()
            from action in Enum.GetValues<DossierAction>()
            where DossierStateMachine.TryApply(status, action, out _)
            select (status, action)).ToHashSet();

        Assert.Equal(24, expected.Count);
        Assert.True(expected.SetEquals(actual));
    }

    [Fact]
    public void A_new_dossier_can_be_received_refused_sent_back_for_guidance_or_withdrawn()
    {
        var actions = DossierStateMachine.AllowedActions(Submitted);

        Assert.Equal([Receive, Refuse, RequestSupplement, RequestWithdrawal], actions);
    }

    [Theory]
    [InlineData(Refused)]
    [InlineData(Stopped)]
    [InlineData(ResultReturned)]
    public void Terminal_statuses_allow_no_action(DossierStatus status)
    {
        Assert.True(DossierStateMachine.IsTerminal(status));
        Assert.Empty(DossierStateMachine.AllowedActions(status));
    }

    [Theory]
    [InlineData(Submitted)]
    [InlineData(Received)]
    [InlineData(InProgress)]
    [InlineData(SupplementRequested)]
    [InlineData(AwaitingPayment)]
    [InlineData(WithdrawalRequested)]
    [InlineData(ResultReady)]
    public void Non_terminal_statuses_allow_at_least_one_action(DossierStatus status)
    {
        Assert.False(DossierStateMachine.IsTerminal(status));
        Assert.NotEmpty(DossierStateMachine.AllowedActions(status));
    }

    [Fact]
    public void A_finished_result_can_only_be_returned()
    {
        var actions = DossierStateMachine.AllowedActions(ResultReady);

        Assert.Equal([ReturnResult], actions);
    }

    [Fact]
    public void An_unknown_status_code_has_no_actions()
    {
        var unknown = (DossierStatus)99;

        Assert.Empty(DossierStateMachine.AllowedActions(unknown));
        Assert.False(DossierStateMachine.TryApply(unknown, Receive, out _));
    }

    [Fact]
    public void A_typical_dossier_with_one_supplement_and_a_fee_reaches_result_returned()
    {
        DossierAction[] path =
            [Receive, StartProcessing, RequestSupplement, SupplementProvided, TransferOut, TransferBack,
             RequestPayment, PaymentConfirmed, CompleteResult, ReturnResult];
        var status = Submitted;

        foreach (var action in path)
        {
            Assert.True(DossierStateMachine.TryApply(status, action, out status), $"{action} refused");
        }

        Assert.Equal(ResultReturned, status);
        Assert.True(DossierStateMachine.IsTerminal(status));
    }
}
