package proficio.service.quality;

import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import proficio.model.event.ProblemLogValidator;
import proficio.model.quality.QualityRow;
import proficio.model.quality.QualitySummaries;
import proficio.proto.QualityPoints;
import proficio.proto.v1.GetQualitySeriesRequest;
import proficio.proto.v1.GetQualityTableRequest;
import proficio.proto.v1.KnowledgeServiceGrpc;
import proficio.proto.v1.QualityPoint;
import proficio.proto.v1.QualitySeries;
import proficio.proto.v1.QualityTable;
import proficio.proto.v1.QualityTableRow;
import proficio.service.grpc.Forwarder;
import proficio.service.models.ActiveModel;
import proficio.service.query.QueryResult;
import proficio.service.query.StudentStateQuery;
import proficio.store.QualityReader;

/**
 * The quality series and table, for gRPC and HTTP alike. The {@code quality} store is partitioned by
 * student like every store, so one exercise's figures are spread over every partition: a series is
 * gathered from the partitions active on this instance and, through {@link Forwarder}, from each other
 * instance (the same RPC, marked as forwarded, which answers from its own partitions only), then
 * summed cell by cell. Bad arguments throw INVALID_ARGUMENT naming the field; a store that is not
 * queryable, or an instance that does not answer, UNAVAILABLE: a partial sum is never returned.
 */
@ApplicationScoped
public class QualityQueries {

    @Inject
    StudentStateQuery query;
    @Inject
    Forwarder forwarder;
    @Inject
    ActiveModel models;

    /** @param localOnly answer from this instance's partitions only (a call forwarded by another instance) */
    public QualitySeries series(GetQualitySeriesRequest request, boolean localOnly) {
        DayRange days = DayRange.of("from_day", request.getFromDay(), "to_day", request.getToDay(), today());
        String exercise = request.getExercise();
        if (exercise.length() > ProblemLogValidator.MAX_ID_LENGTH) {
            throw DayRange.invalid("exercise", "longer than " + ProblemLogValidator.MAX_ID_LENGTH + " characters");
        }
        if (request.getEachExercise() && !exercise.isEmpty()) {
            throw DayRange.invalid("each_exercise", "set together with exercise; ask for one or the other");
        }
        Set<String> versions = new HashSet<>(request.getModelVersionsList());
        // The hop asks for the same cells, days resolved here (two instances' "today" may differ at midnight).
        GetQualitySeriesRequest resolved = GetQualitySeriesRequest.newBuilder().setExercise(exercise)
                .setEachExercise(request.getEachExercise()).setFromDay(days.from().toString())
                .setToDay(days.to().toString()).build();
        Function<QualityReader, List<QualityRow>> read = request.getEachExercise()
                ? r -> r.eachExercise(days.fromDay(), days.toDay())
                : r -> r.series(exercise, days.fromDay(), days.toDay());
        QualitySeries.Builder out = QualitySeries.newBuilder().setExercise(exercise).setEachExercise(request.getEachExercise())
                .setFromDay(days.from().toString()).setToDay(days.to().toString());
        for (QualityRow row : gather(resolved, read, localOnly)) {
            if (versions.isEmpty() || versions.contains(row.key().modelVersion())) {
                out.addPoints(QualityPoints.toWire(row));
            }
        }
        return withVersions(out);
    }

    public QualityTable table(GetQualityTableRequest request) {
        DayRange days = DayRange.of("from_day", request.getFromDay(), "to_day", request.getToDay(), today());
        GetQualitySeriesRequest each = GetQualitySeriesRequest.newBuilder().setEachExercise(true)
                .setFromDay(days.from().toString()).setToDay(days.to().toString()).build();
        List<QualityRow> rows = gather(each, r -> r.eachExercise(days.fromDay(), days.toDay()), false);
        QualityTable.Builder out = QualityTable.newBuilder().setFromDay(days.from().toString()).setToDay(days.to().toString())
                .setActiveVersion(models.get().model().version())
                .setCandidateVersion(models.candidate().map(c -> c.model().version()).orElse(""));
        for (QualitySummaries.ExerciseLine line : QualitySummaries.table(rows, days.fromDay(), days.toDay())) {
            out.addRows(row(line));
        }
        out.setOverall(row(QualitySummaries.overall(rows, days.fromDay(), days.toDay())));
        return out.build();
    }

    private static QualityTableRow row(QualitySummaries.ExerciseLine line) {
        return QualityTableRow.newBuilder()
                .setExercise(line.exercise())
                .setSamples(line.samples())
                .setMeanLogLikelihood(line.active().meanLogLikelihood())
                .setLogLikelihoodChange(line.logLikelihoodChange())
                .setCandidateSamples(line.candidate().samples())
                .setCandidateMeanLogLikelihood(line.candidate().meanLogLikelihood())
                .setCandidateGain(line.candidateGain())
                .setFallbackSamples(line.fallbackSamples())
                .build();
    }

    /** The cells of every partition: this instance's, plus each other instance's through the same RPC; summed. */
    private List<QualityRow> gather(GetQualitySeriesRequest resolved, Function<QualityReader, List<QualityRow>> read,
                                    boolean localOnly) {
        StudentStateQuery.Scattered<List<QualityRow>> here = switch (query.readQualityEverywhere(read)) {
            case QueryResult.Local<StudentStateQuery.Scattered<List<QualityRow>>> l -> l.value();
            case QueryResult.Remote<StudentStateQuery.Scattered<List<QualityRow>>> r ->
                    throw new IllegalStateException("a scattered read is never remote");
            case QueryResult.Unavailable<StudentStateQuery.Scattered<List<QualityRow>>> u ->
                    throw Status.UNAVAILABLE.withDescription("quality figures not queryable: " + u.reason()).asRuntimeException();
        };
        List<QualityRow> rows = new ArrayList<>();
        here.local().forEach(rows::addAll);
        if (!localOnly) {
            for (String other : here.others()) {
                QualitySeries theirs = forwarder.forward(other, KnowledgeServiceGrpc.getGetQualitySeriesMethod(), resolved);
                for (QualityPoint p : theirs.getPointsList()) {
                    rows.add(QualityPoints.toModel(p));
                }
            }
        }
        return QualitySummaries.merge(rows);
    }

    private QualitySeries withVersions(QualitySeries.Builder out) {
        return out.setActiveVersion(models.get().model().version())
                .setCandidateVersion(models.candidate().map(c -> c.model().version()).orElse(""))
                .build();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
