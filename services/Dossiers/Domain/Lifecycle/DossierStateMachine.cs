namespace Cchc.Dossiers.Domain.Lifecycle;

using static DossierAction;
using static DossierStatus;

/// <summary>Which actions move a dossier between national status codes.</summary>
public static class DossierStateMachine
{
    private static readonly (DossierStatus From, DossierAction Action, DossierStatus To)[] Table =
    [
        (Submitted, Receive, Received),
        (Submitted, Refuse, Refused),
        // The desk's one-time guidance for an online dossier, before it is formally received.
        (Submitted, RequestSupplement, SupplementRequested),
        (Submitted, RequestWithdrawal, WithdrawalRequested),

        (Received, StartProcessing, InProgress),
        (Received, RequestWithdrawal, WithdrawalRequested),
        (Received, Stop, Stopped),

        (InProgress, RequestSupplement, SupplementRequested),
        (InProgress, RequestPayment, AwaitingPayment),
        (InProgress, CompleteResult, ResultReady),
        // Inter-agency hand-offs are tracked elsewhere; the national status stays 4 throughout.
        (InProgress, TransferOut, InProgress),
        (InProgress, TransferBack, InProgress),
        (InProgress, TransferToAgency, InProgress),
        (InProgress, ReturnFromAgency, InProgress),
        (InProgress, RequestWithdrawal, WithdrawalRequested),
        (InProgress, Stop, Stopped),

        (SupplementRequested, SupplementProvided, InProgress),
        (SupplementRequested, RequestWithdrawal, WithdrawalRequested),
        (SupplementRequested, Stop, Stopped),

        (AwaitingPayment, PaymentConfirmed, InProgress),
        (AwaitingPayment, RequestWithdrawal, WithdrawalRequested),
        (AwaitingPayment, Stop, Stopped),

        (WithdrawalRequested, Stop, Stopped),

        (ResultReady, ReturnResult, ResultReturned),
    ];

    private static readonly Dictionary<(DossierStatus, DossierAction), DossierStatus> Targets =
        Table.ToDictionary(t => (t.From, t.Action), t => t.To);

    private static readonly Dictionary<DossierStatus, IReadOnlyList<DossierAction>> Allowed =
        Enum.GetValues<DossierStatus>().ToDictionary(
            status => status,
            status => (IReadOnlyList<DossierAction>)Array.AsReadOnly(
                Table.Where(t => t.From == status).Select(t => t.Action).Order().ToArray()));

    /// <summary>Every allowed transition, for documentation and exhaustive checks.</summary>
    public static IReadOnlyList<(DossierStatus From, DossierAction Action, DossierStatus To)> Transitions { get; } =
        Array.AsReadOnly(Table);

    public static bool TryApply(DossierStatus from, DossierAction action, out DossierStatus to) =>
        Targets.TryGetValue((from, action), out to);

    /// <summary>Allowed actions in <see cref="DossierAction"/> declaration order; empty for terminal or unknown statuses.</summary>
    public static IReadOnlyList<DossierAction> AllowedActions(DossierStatus from) =>
        Allowed.TryGetValue(from, out var actions) ? actions : [];

    public static bool IsTerminal(DossierStatus status) =>
        status is Refused or Stopped or ResultReturned;
}
