package proficio.service.grpc;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import proficio.model.feature.ExerciseFeatures;
import proficio.model.mastery.MasteryConfig;
import proficio.model.mastery.MasteryLevel;
import proficio.model.mastery.MasteryState;
import proficio.model.predict.Prediction;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.proto.MasteryTransitions;
import proficio.proto.ProblemLogs;
import proficio.proto.v1.ExerciseMastery;
import proficio.proto.v1.ExercisePrediction;
import proficio.proto.v1.ExerciseStateView;
import proficio.proto.v1.ListModelsResponse;
import proficio.proto.v1.MasteryLevels;
import proficio.proto.v1.ModelInfo;
import proficio.proto.v1.ModelStatus;
import proficio.proto.v1.PredictResponse;
import proficio.proto.v1.StudentState;
import proficio.proto.v1.ThetaSource;
import proficio.service.models.ModelRegistry;
import proficio.store.StudentSnapshot;

/** Maps model values to gRPC replies. No domain logic: every number comes from {@code model}. */
final class Replies {

    private Replies() {
    }

    static PredictResponse predictions(String studentId, String modelVersion, List<Prediction> predictions,
                                       StudentSnapshot student) {
        PredictResponse.Builder b = PredictResponse.newBuilder().setStudentId(studentId).setModelVersion(modelVersion);
        for (Prediction p : predictions) {
            b.addPredictions(ExercisePrediction.newBuilder()
                    .setExercise(p.exercise())
                    .setProbability(p.probability())
                    .setThetaSource(switch (p.thetaSource()) {
                        case EXERCISE -> ThetaSource.THETA_SOURCE_EXERCISE;
                        case GLOBAL -> ThetaSource.THETA_SOURCE_GLOBAL;
                    })
                    .setDone(student.exercise(p.exercise()).done()));
        }
        return b.build();
    }

    static StudentState studentState(StudentSnapshot s, long featureSpaceSeed) {
        StudentState.Builder b = StudentState.newBuilder().setStudentId(s.studentId()).setKnown(s.known())
                .setFeatureSpaceSeed(featureSpaceSeed);
        if (s.known()) {
            KnowledgeState k = s.knowledge();
            for (int i = 0; i < KnowledgeState.DIMENSIONS; i++) {
                b.addKnowledgeState(k.get(i));
            }
        }
        for (Map.Entry<String, ExerciseState> e : s.exercises().entrySet()) {
            b.addExercises(exercise(e.getKey(), e.getValue()));
        }
        return b.build();
    }

    static ModelInfo modelInfo(String name, ModelRegistry.Version v) {
        ModelInfo.Builder b = ModelInfo.newBuilder()
                .setName(name)
                .setVersion(v.version())
                .setStatus(switch (v.status()) {
                    case ACTIVE -> ModelStatus.MODEL_STATUS_ACTIVE;
                    case AVAILABLE -> ModelStatus.MODEL_STATUS_AVAILABLE;
                    case REFUSED -> ModelStatus.MODEL_STATUS_REFUSED;
                })
                .setRefusalReason(v.refusalReason())
                .setShippedDefault(v.shippedDefault());
        v.summary().ifPresent(s -> b.setFeatureSet(s.featureSet())
                .setFeatureSpaceSeed(s.featureSpaceSeed())
                .setExerciseThetas(s.exerciseThetas())
                .setProvenance(s.provenance()));
        v.pointer().ifPresent(b::setPointer);
        return b.build();
    }

    static ListModelsResponse modelList(String name, List<ModelRegistry.Version> versions) {
        ListModelsResponse.Builder b = ListModelsResponse.newBuilder().setName(name);
        for (ModelRegistry.Version v : versions) {
            if (v.status() == ModelRegistry.Status.ACTIVE) {
                b.setActiveVersion(v.version());
            }
            b.addModels(modelInfo(name, v));
        }
        return b.build();
    }

    private static ExerciseStateView exercise(String exercise, ExerciseState s) {
        ExerciseFeatures f = ExerciseFeatures.of(s);
        StringBuilder answers = new StringBuilder(s.historyLength());
        for (int age = s.historyLength() - 1; age >= 0; age--) {
            answers.append(s.correctAt(age) ? '1' : '0');
        }
        return ExerciseStateView.newBuilder()
                .setExercise(exercise)
                .setDone(s.done())
                .setCorrect(s.correct())
                .setRecentAnswers(answers.toString())
                .setFeatures(proficio.proto.v1.ExerciseFeatures.newBuilder()
                        .setEwmaFast(f.ewmaFast())
                        .setEwmaSlow(f.ewmaSlow())
                        .setStreak(f.streak())
                        .setLogDone(f.logDone())
                        .setLogMissedPlusOne(f.logMissedPlusOne())
                        .setPercentCorrect(f.percentCorrect()))
                .setLastTimeDone(ProblemLogs.Timestamps.fromMillis(s.lastTimeDoneMs()))
                .build();
    }

    static MasteryLevels masteryLevels(StudentSnapshot s, Collection<String> exercises, MasteryConfig config) {
        MasteryLevels.Builder b = MasteryLevels.newBuilder().setStudentId(s.studentId()).setKnown(s.known());
        for (String e : exercises) {
            MasteryState m = s.masteryOf(e);
            ExerciseMastery.Builder x = ExerciseMastery.newBuilder()
                    .setExercise(e)
                    .setLevel(MasteryTransitions.level(m.level()))
                    .setStruggling(m.struggling())
                    .setReviewIntervalMs(m.reviewIntervalMs())
                    .setAttempts(m.attempts());
            if (m.nextReviewDueMs() != 0) {
                x.setNextReviewDue(ProblemLogs.Timestamps.fromMillis(m.nextReviewDueMs()));
            }
            if (m.lastPromotionMs() != 0) {
                x.setLastPromotion(ProblemLogs.Timestamps.fromMillis(m.lastPromotionMs()));
            }
            if (m.level() != MasteryLevel.UNPRACTICED) {
                x.setNextDue(ProblemLogs.Timestamps.fromMillis(m.nextDueMs(config)));
            }
            b.addExercises(x);
        }
        return b.build();
    }
}
