namespace Cchc.Dossiers.Procedures;

public sealed class ProcedureFee
{
    public required string Name { get; init; }
    public FeeKind Kind { get; init; }
    public long AmountVnd { get; init; }
}
