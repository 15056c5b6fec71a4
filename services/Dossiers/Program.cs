using Cchc.Dossiers.Calendar;
using Cchc.Dossiers.ChangeFeed;
using Cchc.Dossiers.Digitisation;
using Cchc.Dossiers.Extensions;
using Cchc.Dossiers.Notices;
using Cchc.Dossiers.Procedures;
using Cchc.Dossiers.PublicLookup;
using Cchc.Dossiers.Records;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapGrpcService<ProcedureCatalogGrpcService>();
app.MapGrpcService<WorkingCalendarGrpcService>();
app.MapGrpcService<DossierGrpcService>();
app.MapGrpcService<PublicStatusGrpcService>();
app.MapGrpcService<ChangeFeedGrpcService>();
app.MapGrpcService<ApplicantNoticeGrpcService>();
app.MapGrpcService<DigitisedPapersGrpcService>();
app.MapGrpcService<Cchc.Dossiers.Statistics.DossierStatisticsGrpcService>();

app.Run();

public partial class Program;
