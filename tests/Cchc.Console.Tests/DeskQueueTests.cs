using Cchc.Console.Presentation;
using Cchc.Dossiers.V1;
using Google.Protobuf.WellKnownTypes;

namespace Cchc.Console.Tests;

public sealed class DeskQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    private static DossierSummary Dossier(string code, DossierStatus status, double? dueInDays, string unit = "QT.SKHCN.MC") => new()
    {
        Code = code, Status = status, CurrentUnitCode = unit,
        DueAt = dueInDays is { } days ? Timestamp.FromDateTimeOffset(Now.AddDays(days)) : null,
    };

    [Fact]
    public void The_desk_s_dossiers_fall_into_its_four_queues_each_by_appointment()
    {
        var queues = DeskQueues.Of(
        [
            Dossier("QT.SKHCN-261206-0004", DossierStatus.Submitted, null),
            Dossier("QT.SKHCN-261206-0002", DossierStatus.Submitted, null),
            Dossier("QT.SKHCN-261201-0001", DossierStatus.ResultReady, 3, "QT.SKHCN.QLCN"),
            Dossier("QT.SKHCN-261202-0001", DossierStatus.ResultReady, 1, "QT.SKHCN.QLCN"),
            Dossier("QT.SKHCN-261203-0001", DossierStatus.SupplementRequested, 5, "QT.SKHCN.QLCN"),
            Dossier("QT.SKHCN-261204-0001", DossierStatus.Received, 4),
            // Received by another desk: not this desk's to hand over.
            Dossier("QT.SKHCN-261204-0002", DossierStatus.Received, 4, "QT.SKHCN.MC2"),
        ], "QT.SKHCN.MC");

        Assert.Equal(["QT.SKHCN-261202-0001", "QT.SKHCN-261201-0001"], queues.ResultsReady.Select(d => d.Code));
        // Online submissions have no appointment until received: oldest code first.
        Assert.Equal(["QT.SKHCN-261206-0002", "QT.SKHCN-261206-0004"], queues.OnlineToCheck.Select(d => d.Code));
        Assert.Equal(["QT.SKHCN-261203-0001"], queues.AwaitingSupplement.Select(d => d.Code));
        Assert.Equal(["QT.SKHCN-261204-0001"], queues.ReceivedHere.Select(d => d.Code));
    }
}
