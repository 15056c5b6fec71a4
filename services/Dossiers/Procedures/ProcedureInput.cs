using Cchc.Dossiers.Domain.Procedures;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Contract = Cchc.Dossiers.V1;
using PaperKind = Cchc.Dossiers.Records.PaperKind;

namespace Cchc.Dossiers.Procedures;

/// <summary>
/// Reads a procedure as a caller writes it (create or amend) into the version to store, reporting
/// every invalid field at once under <c>procedure.…</c>.
/// </summary>
public static class ProcedureInput
{
    public const int MaxPapers = 100;
    public const int MaxFees = 20;
    public const int MaxSteps = 50;

    /// <summary>The roles a step of an internal process can be given to.</summary>
    public static readonly IReadOnlyList<string> StepRoles = [Roles.DeskOfficer, Roles.ProcessingOfficer, Roles.UnitHead, Roles.Leadership];

    /// <param name="validation">Violations found already (e.g. of the code), reported together with these.</param>
    public static Procedure Parse(Contract.Procedure input, string code, int version, Caller caller, Validation? validation = null)
    {
        validation = (validation ?? new Validation())
            .RequireText(input.Name, "procedure.name", 1000)
            .RequireText(input.Field, "procedure.field", 200)
            .RequireText(input.AgencyCode, "procedure.agency_code", 64)
            .Require(IsUnitCode(input.AgencyCode), "procedure.agency_code", "must not contain spaces")
            .Require(input.ProcessingUnitCode.Length == 0 || (input.ProcessingUnitCode.Length <= 64 && IsUnitCode(input.ProcessingUnitCode)),
                "procedure.processing_unit_code", "must be a unit code of at most 64 characters without spaces, or empty")
            .Require(input.FeeVnd >= 0, "procedure.fee_vnd", "must not be negative")
            .Require(input.OnlineLevel != Contract.OnlineLevel.Unspecified && Enum.IsDefined(input.OnlineLevel),
                "procedure.online_level", "must be NONE, PARTIAL or FULL")
            .Require(Enum.IsDefined(input.ResultKind), "procedure.result_kind", "must be one of the ResultKind values")
            .Require(input.ResultName.Length <= 500, "procedure.result_name", "must be at most 500 characters")
            .Require(input.ChangeNote.Length <= 2000, "procedure.change_note", "must be at most 2000 characters")
            .Require(Enum.IsDefined(input.AfternoonCutoff), "procedure.afternoon_cutoff", "must be UNSPECIFIED, APPLIES or DOES_NOT_APPLY");
        var statutory = StatutoryTimes.Parse(input.StatutoryTime, "procedure.statutory_time", validation);
        var unit = input.StatutoryTime?.Unit ?? Contract.DurationUnit.Unspecified;

        var fees = ParseFees(input, validation);
        var papers = ParsePapers(input, validation);
        var steps = ParseSteps(input, statutory, unit, validation);
        var (target, cut) = ParseTarget(input, statutory, unit, validation);
        validation.ThrowIfInvalid();

        return new Procedure
        {
            Code = code,
            Version = version,
            Name = input.Name.Trim(),
            Field = input.Field.Trim(),
            AgencyCode = input.AgencyCode,
            ProcessingUnitCode = input.ProcessingUnitCode,
            StatutoryAmount = statutory,
            StatutoryUnit = (StatutoryUnit)unit,
            FeeVnd = fees.Count > 0 ? fees.Sum(f => f.AmountVnd) : input.FeeVnd,
            OnlineLevel = (OnlineLevel)input.OnlineLevel,
            Fees = fees,
            RequiredPapers = papers,
            ResultKind = (ResultKind)input.ResultKind,
            ResultName = input.ResultName.Trim(),
            ProcessSteps = steps,
            TargetAmount = target,
            TargetCutPercent = cut,
            ChangeNote = input.ChangeNote.Trim(),
            AfternoonCutoff = (Domain.Calendar.ProcedureCutoff)input.AfternoonCutoff,
            CreatedBy = caller.Subject,
        };
    }

    private static List<ProcedureFee> ParseFees(Contract.Procedure input, Validation validation)
    {
        validation.Require(input.Fees.Count <= MaxFees, "procedure.fees", $"must list at most {MaxFees} fees");
        var fees = new List<ProcedureFee>();
        for (var i = 0; i < Math.Min(input.Fees.Count, MaxFees); i++)
        {
            var fee = input.Fees[i];
            validation
                .RequireText(fee.Name, $"procedure.fees[{i}].name", 500)
                .Require(fee.Kind is Contract.FeeKind.Fee or Contract.FeeKind.Charge, $"procedure.fees[{i}].kind", "must be FEE (phí) or CHARGE (lệ phí)")
                .Require(fee.AmountVnd is >= 0 and <= 1_000_000_000_000, $"procedure.fees[{i}].amount_vnd", "must be 0–1 000 000 000 000 VND");
            fees.Add(new ProcedureFee { Name = fee.Name.Trim(), Kind = (FeeKind)fee.Kind, AmountVnd = fee.AmountVnd });
        }
        if (fees.Count > 0 && input.FeeVnd != 0)
        {
            validation.Require(input.FeeVnd == fees.Sum(f => f.AmountVnd), "procedure.fee_vnd", "must be the sum of the fees listed, or 0");
        }
        return fees;
    }

    private static List<RequiredPaper> ParsePapers(Contract.Procedure input, Validation validation)
    {
        validation.Require(input.RequiredPapers.Count <= MaxPapers, "procedure.required_papers", $"must list at most {MaxPapers} papers");
        var papers = new List<RequiredPaper>();
        for (var i = 0; i < Math.Min(input.RequiredPapers.Count, MaxPapers); i++)
        {
            var paper = input.RequiredPapers[i];
            validation
                .RequireText(paper.Name, $"procedure.required_papers[{i}].name", 500)
                .Require(paper.Code.Length <= 64, $"procedure.required_papers[{i}].code", "must be at most 64 characters")
                .Require(paper.Kind is Contract.PaperKind.Original or Contract.PaperKind.Copy or Contract.PaperKind.Electronic,
                    $"procedure.required_papers[{i}].kind", "must be ORIGINAL, COPY or ELECTRONIC")
                .Require(paper.Count is >= 1 and <= 100, $"procedure.required_papers[{i}].count", "must be 1–100");
            papers.Add(new RequiredPaper { Code = paper.Code.Trim(), Name = paper.Name.Trim(), Kind = (PaperKind)paper.Kind, Count = paper.Count });
        }
        var keys = papers.Select(PaperKeys.Of).ToList();
        validation.Require(keys.Distinct().Count() == keys.Count, "procedure.required_papers", "must not list the same paper (code, or name without a code) twice");
        return papers;
    }

    private static List<ProcessStep> ParseSteps(Contract.Procedure input, decimal statutory, Contract.DurationUnit unit, Validation validation)
    {
        validation.Require(input.ProcessSteps.Count <= MaxSteps, "procedure.process_steps", $"must list at most {MaxSteps} steps");
        var steps = new List<ProcessStep>();
        for (var i = 0; i < Math.Min(input.ProcessSteps.Count, MaxSteps); i++)
        {
            var step = input.ProcessSteps[i];
            var field = $"procedure.process_steps[{i}]";
            validation
                .RequireText(step.Name, $"{field}.name", 500)
                .Require(step.UnitCode.Length <= 64 && IsUnitCode(step.UnitCode), $"{field}.unit_code", "must be a unit code of at most 64 characters without spaces, or empty")
                .Require(StepRoles.Contains(step.Role), $"{field}.role", $"must be one of {string.Join(", ", StepRoles)}");
            var allowance = StatutoryTimes.Parse(step.Allowance, $"{field}.allowance", validation, fractionalDays: true);
            if (step.Allowance is not null && unit != Contract.DurationUnit.Unspecified)
            {
                validation
                    .Require(step.Allowance.Unit == unit, $"{field}.allowance.unit", $"must be the statutory time's unit, {unit}")
                    .Require(allowance > 0 || !decimal.TryParse(step.Allowance.Amount, System.Globalization.CultureInfo.InvariantCulture, out _),
                        $"{field}.allowance.amount", "must be more than 0");
            }
            steps.Add(new ProcessStep { Name = step.Name.Trim(), UnitCode = step.UnitCode, Role = step.Role, Allowance = allowance });
        }
        var total = steps.Sum(s => s.Allowance);
        validation.Require(total <= statutory, "procedure.process_steps",
            $"allowances add up to {total:0.##}, more than the statutory time of {statutory:0.##} ({unit})");
        return steps;
    }

    private static (decimal? Target, int? Cut) ParseTarget(Contract.Procedure input, decimal statutory, Contract.DurationUnit unit, Validation validation)
    {
        var cut = input.TargetCutPercent;
        var explicitTime = input.TargetTime;
        if (cut != 0 && explicitTime is not null)
        {
            validation.Require(false, "procedure.target_time", "give either target_cut_percent or target_time, not both");
            return (null, null);
        }
        if (cut != 0)
        {
            if (cut is < 1 or > 99)
            {
                validation.Require(false, "procedure.target_cut_percent", "must be 1–99, or 0 for no cut");
                return (null, null);
            }
            if (unit == Contract.DurationUnit.Unspecified || statutory <= 0)
            {
                return (null, null);
            }
            var target = ProcessingTargets.FromCut(statutory, StatutoryTimes.ToDomain((StatutoryUnit)unit), cut);
            validation.Require(target is not null, "procedure.target_cut_percent", "leaves less than one unit of the statutory time; give target_time instead");
            return (target, cut);
        }
        if (explicitTime is null)
        {
            return (null, null);
        }
        var amount = StatutoryTimes.Parse(explicitTime, "procedure.target_time", validation);
        validation
            .Require(explicitTime.Unit == unit, "procedure.target_time.unit", $"must be the statutory time's unit, {unit}")
            .Require(amount > 0 && amount <= statutory, "procedure.target_time.amount", "must be more than 0 and at most the statutory time");
        return (amount, null);
    }

    private static bool IsUnitCode(string code) => !code.Any(char.IsWhiteSpace);
}
