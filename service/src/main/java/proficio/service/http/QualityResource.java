package proficio.service.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import proficio.proto.v1.GetQualitySeriesRequest;
import proficio.proto.v1.GetQualityTableRequest;
import proficio.proto.v1.QualitySeries;
import proficio.proto.v1.QualityTable;
import proficio.service.quality.QualityQueries;

/**
 * The quality series and table over HTTP, as JSON (protobuf's JSON mapping of the gRPC replies, field
 * names as in the .proto) and as CSV, for the dashboard page and for anyone with curl. The same
 * figures as {@code GetQualitySeries} and {@code GetQualityTable}; bad arguments get 400 with the
 * field and the reason, figures not readable right now 503.
 */
@Path("/api/quality")
public class QualityResource {

    private static final JsonFormat.Printer JSON = JsonFormat.printer().preservingProtoFieldNames()
            .alwaysPrintFieldsWithNoPresence();
    static final String CSV = "text/csv; charset=utf-8";

    @Inject
    QualityQueries quality;

    @GET
    @Path("series")
    @Produces("application/json")
    public Response series(@QueryParam("exercise") @DefaultValue("") String exercise, @QueryParam("each") boolean each,
                           @QueryParam("model") List<String> models, @QueryParam("from") @DefaultValue("") String from,
                           @QueryParam("to") @DefaultValue("") String to) {
        return answer(() -> quality.series(seriesRequest(exercise, each, models, from, to), false), QualityResource::json,
                "application/json", null);
    }

    @GET
    @Path("series.csv")
    @Produces(CSV)
    public Response seriesCsv(@QueryParam("exercise") @DefaultValue("") String exercise, @QueryParam("each") boolean each,
                              @QueryParam("model") List<String> models, @QueryParam("from") @DefaultValue("") String from,
                              @QueryParam("to") @DefaultValue("") String to) {
        return answer(() -> quality.series(seriesRequest(exercise, each, models, from, to), false), QualityCsv::series, CSV,
                "quality-" + (each ? "each-exercise" : exercise.isEmpty() ? "all" : safe(exercise)) + ".csv");
    }

    @GET
    @Path("table")
    @Produces("application/json")
    public Response table(@QueryParam("from") @DefaultValue("") String from, @QueryParam("to") @DefaultValue("") String to) {
        return answer(() -> quality.table(tableRequest(from, to)), QualityResource::json, "application/json", null);
    }

    @GET
    @Path("table.csv")
    @Produces(CSV)
    public Response tableCsv(@QueryParam("from") @DefaultValue("") String from, @QueryParam("to") @DefaultValue("") String to) {
        return answer(() -> quality.table(tableRequest(from, to)), QualityCsv::table, CSV, "quality-exercises.csv");
    }

    private static GetQualitySeriesRequest seriesRequest(String exercise, boolean each, List<String> models, String from,
                                                         String to) {
        return GetQualitySeriesRequest.newBuilder().setExercise(exercise).setEachExercise(each)
                .addAllModelVersions(models == null ? List.of() : models).setFromDay(from).setToDay(to).build();
    }

    private static GetQualityTableRequest tableRequest(String from, String to) {
        return GetQualityTableRequest.newBuilder().setFromDay(from).setToDay(to).build();
    }

    private static <T> Response answer(Supplier<T> call, Function<T, String> body, String type, String attachment) {
        T reply;
        try {
            reply = call.get();
        } catch (StatusRuntimeException e) {
            int http = switch (e.getStatus().getCode()) {
                case INVALID_ARGUMENT -> 400;
                case UNAVAILABLE, DEADLINE_EXCEEDED -> 503;
                default -> 500;
            };
            return Response.status(http).type("text/plain; charset=utf-8").entity(e.getStatus().getDescription() + "\n").build();
        }
        Response.ResponseBuilder r = Response.ok(body.apply(reply), type);
        if (attachment != null) {
            r.header("Content-Disposition", "attachment; filename=\"" + attachment + "\"");
        }
        return r.build();
    }

    private static String json(Message m) {
        try {
            return JSON.print(m);
        } catch (InvalidProtocolBufferException e) {
            throw Status.INTERNAL.withDescription("cannot write JSON: " + e.getMessage()).asRuntimeException();
        }
    }

    private static String safe(String exercise) {
        return exercise.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
