namespace Cchc.Dossiers.Domain.Lifecycle;

public enum DossierAction
{
    Receive,
    Refuse,
    StartProcessing,
    RequestSupplement,
    SupplementProvided,
    RequestPayment,
    PaymentConfirmed,
    RequestWithdrawal,
    Stop,
    CompleteResult,
    ReturnResult,
    TransferOut,
    TransferBack,
    // Inter-agency (liên thông): to another agency's process and back; their own RPCs.
    TransferToAgency,
    ReturnFromAgency,
}
