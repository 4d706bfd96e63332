package proficio.service.grpc;

import java.util.List;
import java.util.Map;
import proficio.model.feature.ExerciseFeatures;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Prediction;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.proto.ModelArtifacts;
import proficio.proto.ProblemLogs;
import proficio.proto.v1.ExercisePrediction;
import proficio.proto.v1.ExerciseStateView;
import proficio.proto.v1.ModelInfo;
import proficio.proto.v1.PredictResponse;
import proficio.proto.v1.StudentState;
import proficio.proto.v1.ThetaSource;
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
                    .setDone(student.exerciseOrEmpty(p.exercise()).done()));
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

    static ModelInfo modelInfo(String name, KnowledgeModel m) {
        return ModelInfo.newBuilder()
                .setName(name)
                .setVersion(m.version())
                .setFeatureSet(m.featureSet().name())
                .setFeatureSpaceSeed(m.featureSpace().seed())
                .setExerciseThetas(m.exerciseThetas().size())
                .setProvenance(ModelArtifacts.toArtifact(name, m).getProvenance())
                .build();
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
}
