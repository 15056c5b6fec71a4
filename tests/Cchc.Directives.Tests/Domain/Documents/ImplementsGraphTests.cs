using Cchc.Directives.Documents;
using Cchc.Directives.Domain.Documents;

namespace Cchc.Directives.Tests;

public sealed class ImplementsGraphTests
{
    private static readonly Guid Directive = Guid.NewGuid(), Dispatch = Guid.NewGuid(), Plan = Guid.NewGuid();

    private static ILookup<Guid, Guid> Edges(params (Guid From, Guid To)[] edges) => edges.ToLookup(e => e.From, e => e.To);

    [Fact]
    public void Implementing_a_document_that_already_implements_you_indirectly_closes_a_cycle_named_in_order()
    {
        var existing = Edges((Dispatch, Directive), (Plan, Dispatch));

        var cycle = ImplementsGraph.FindCycle(Directive, [Plan], existing);

        Assert.Equal([Directive, Plan, Dispatch, Directive], cycle);
    }

    [Fact]
    public void A_document_implementing_itself_is_a_cycle_of_one() =>
        Assert.Equal([Directive, Directive], ImplementsGraph.FindCycle(Directive, [Directive], Edges()));

    [Fact]
    public void Two_documents_implementing_the_same_one_are_no_cycle()
    {
        var existing = Edges((Dispatch, Directive));

        Assert.Null(ImplementsGraph.FindCycle(Plan, [Directive, Dispatch], existing));
    }
}
