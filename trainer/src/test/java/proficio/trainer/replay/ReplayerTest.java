package proficio.trainer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSet;
import proficio.model.feature.FeatureSets;
import proficio.model.feature.FeatureSpace;
import proficio.model.feature.Ka2014FeatureSet;
import proficio.model.feature.StudentView;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Provenance;
import proficio.model.predict.Theta;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;
import proficio.trainer.Simulation;
import proficio.trainer.input.Shard;

class ReplayerTest {

    static final FeatureSpace SPACE = new FeatureSpace(FeatureSpace.DEFAULT_SEED);

    /** A feature set, remembering every vector it hands out: what KnowledgeModel.predict dots its theta with. */
    static final class RecordingFeatureSet implements FeatureSet {
        final FeatureSet delegate;
        final List<double[]> vectors = new ArrayList<>();

        RecordingFeatureSet(FeatureSet delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public List<String> featureNames() {
            return delegate.featureNames();
        }

        @Override
        public boolean needsWholeStudent() {
            return delegate.needsWholeStudent();
        }

        @Override
        public void write(proficio.model.feature.StudentView student, String exercise, double[] x) {
            delegate.write(student, exercise, x);
        }

        @Override
        public boolean needsSequence() {
            return delegate.needsSequence();
        }

        @Override
        public double[] vector(proficio.model.feature.StudentView student, String exercise) {
            double[] v = delegate.vector(student, exercise);
            vectors.add(v.clone());
            return v;
        }
    }

    static List<ProblemLog> interleaved() {
        // Three students, answers interleaved across students and exercises, as a live log is.
        List<ProblemLog> a = new Simulation(6, 7).students(0, 3, 4, 9);
        List<ProblemLog> out = new ArrayList<>();
        Map<String, List<ProblemLog>> byStudent = new LinkedHashMap<>();
        for (ProblemLog l : a) {
            byStudent.computeIfAbsent(l.studentId(), k -> new ArrayList<>()).add(l);
        }
        int i = 0;
        boolean any = true;
        while (any) {
            any = false;
            for (List<ProblemLog> l : byStudent.values()) {
                if (i < l.size()) {
                    out.add(l.get(i));
                    any = true;
                }
            }
            i++;
        }
        return out;
    }

    @Test
    void trainingRow_isBitForBitTheVectorTheServicePredictsFromForTheSameHistory() {
        // Every feature set this build knows: ka2014, ka2014-plus, ka2014-seq (which reads the
        // student's cross-exercise sequence, folded by the same StateUpdate).
        assertThat(FeatureSets.names()).contains("ka2014", "ka2014-plus", "ka2014-seq");
        for (String name : FeatureSets.names()) {
            trainingRow_isBitForBitTheVectorTheServicePredictsFrom(FeatureSets.byName(name).orElseThrow());
        }
    }

    private void trainingRow_isBitForBitTheVectorTheServicePredictsFrom(FeatureSet set) {
        List<ProblemLog> log = interleaved();
        RecordingFeatureSet recording = new RecordingFeatureSet(set);
        int d = set.dimension();
        KnowledgeModel served = new KnowledgeModel("v", SPACE, recording, Theta.of(new double[d]), Map.of(),
                new Provenance(0, "", 0, ""));
        // The service: per event, predict from the stored state, then fold the event into it.
        Map<String, StudentReplay> service = new HashMap<>();
        Map<String, Map<String, List<double[]>>> expected = new HashMap<>(); // exercise -> student -> vectors
        for (ProblemLog l : log) {
            StudentReplay s = service.computeIfAbsent(l.studentId(), k -> new StudentReplay(new StateUpdate(SPACE)));
            served.predict(l.exercise(), l.problemType(), s);
            double[] used = recording.vectors.get(recording.vectors.size() - 1);
            expected.computeIfAbsent(l.exercise(), k -> new HashMap<>())
                    .computeIfAbsent(l.studentId(), k -> new ArrayList<>()).add(used);
            s.apply(l);
        }

        Replayer trainer = new Replayer(set, SPACE, List.of());
        log.forEach(l -> trainer.accept(l, false));
        RowSet rows = trainer.rows();

        assertThat(rows.size()).isEqualTo(log.size());
        int compared = 0;
        for (ExerciseRows e : rows.exercises()) {
            Map<String, Integer> next = new HashMap<>();
            for (int i = 0; i < e.size(); i++) {
                String student = e.student()[i];
                int k = next.merge(student, 1, Integer::sum) - 1;
                double[] want = expected.get(e.exercise()).get(student).get(k);
                double[] got = e.row(i);
                for (int c = 0; c < got.length; c++) {
                    assertThat(Double.doubleToRawLongBits(got[c])).as("%s %s row %d column %d", set.name(), e.exercise(), i, c)
                            .isEqualTo(Double.doubleToRawLongBits(want[c]));
                }
                compared++;
            }
        }
        assertThat(compared).isEqualTo(log.size());
        // The knowledge part moved: the rows are not trivially equal zeros.
        assertThat(rows.exercises().stream().anyMatch(e -> e.x()[e.size() / 2 * d + 50] != 0)).isTrue();
        // and so did the last column (for ka2014-seq the answers before the current run).
        assertThat(rows.exercises().stream().anyMatch(e -> e.x()[e.size() / 2 * d + d - 1] != e.x()[d - 1])).isTrue();
    }

    @Test
    void scoringModelProbabilities_areWhatKnowledgeModelPredictAnswersBeforeEachAttempt() {
        List<ProblemLog> log = interleaved();
        double[] g = new double[107];
        g[0] = 0.3;
        g[6] = 1.1;
        g[10] = -2;
        KnowledgeModel m = new KnowledgeModel("m1", SPACE, Ka2014FeatureSet.INSTANCE, Theta.of(g),
                Map.of(Simulation.exercise(1), Theta.of(Arrays.copyOf(new double[] {-1, 0, 0, 0, 0, 0, 2}, 107))),
                new Provenance(0, "", 0, ""));
        Replayer trainer = new Replayer(Ka2014FeatureSet.INSTANCE, SPACE, List.of(m));
        log.forEach(l -> trainer.accept(l, false));

        Map<String, StudentReplay> service = new HashMap<>();
        Map<String, Map<String, List<Double>>> expected = new HashMap<>();
        for (ProblemLog l : log) {
            StudentReplay s = service.computeIfAbsent(l.studentId(), k -> new StudentReplay(new StateUpdate(SPACE)));
            double p = m.predict(l.exercise(), l.problemType(), s).probability();
            expected.computeIfAbsent(l.exercise(), k -> new HashMap<>())
                    .computeIfAbsent(l.studentId(), k -> new ArrayList<>()).add(p);
            s.apply(l);
        }
        for (ExerciseRows e : trainer.rows().exercises()) {
            Map<String, Integer> next = new HashMap<>();
            for (int i = 0; i < e.size(); i++) {
                int k = next.merge(e.student()[i], 1, Integer::sum) - 1;
                assertThat(e.scores()[0][i]).isEqualTo(expected.get(e.exercise()).get(e.student()[i]).get(k));
            }
        }
    }

    @Test
    void scoringModelUnderAnotherSeed_isScoredFromAReplayInItsOwnSpace() {
        List<ProblemLog> log = interleaved();
        FeatureSpace other = new FeatureSpace(99);
        double[] g = new double[107];
        for (int i = 7; i < 107; i++) {
            g[i] = 0.5;
        }
        KnowledgeModel m = new KnowledgeModel("m99", other, Ka2014FeatureSet.INSTANCE, Theta.of(g), Map.of(),
                new Provenance(0, "", 0, ""));
        Replayer trainer = new Replayer(Ka2014FeatureSet.INSTANCE, SPACE, List.of(m));
        log.forEach(l -> trainer.accept(l, false));

        StudentReplay s = new StudentReplay(new StateUpdate(other));
        List<Double> want = new ArrayList<>();
        for (ProblemLog l : log) {
            if (l.studentId().equals("s1") && l.exercise().equals(Simulation.exercise(2))) {
                want.add(m.predict(l.exercise(), l.problemType(), s).probability());
            }
            if (l.studentId().equals("s1")) {
                s.apply(l);
            }
        }
        List<Double> got = new ArrayList<>();
        for (ExerciseRows e : trainer.rows().exercises()) {
            for (int i = 0; i < e.size(); i++) {
                if (e.exercise().equals(Simulation.exercise(2)) && e.student()[i].equals("s1")) {
                    got.add(e.scores()[0][i]);
                }
            }
        }
        assertThat(got).isNotEmpty().isEqualTo(want);
    }

    @Test
    void duplicateEventIds_giveNoRowAndAreCounted() {
        Replayer r = new Replayer(Ka2014FeatureSet.INSTANCE, SPACE, List.of());
        ProblemLog a = ProblemLog.practice("e1", "s", "add", "t", true, 1000);
        r.accept(a, false);
        r.accept(a, false);
        r.accept(ProblemLog.practice("e2", "s", "add", "t", false, 2000), true);

        RowSet rows = r.rows();

        assertThat(rows.size()).isEqualTo(2);
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(rows.exercises().get(0).holdOut()).containsExactly(false, true);
        assertThat(rows.exercises().get(0).y()).containsExactly((byte) 1, (byte) 0);
    }

    @Test
    void replaysOfStudentShards_mergeIntoExactlyTheRowsOfOneReplay() {
        List<ProblemLog> log = interleaved();
        Replayer whole = new Replayer(Ka2014FeatureSet.INSTANCE, SPACE, List.of());
        log.forEach(l -> whole.accept(l, false));
        List<RowSet> parts = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            Shard shard = new Shard(w, 2);
            Replayer part = new Replayer(Ka2014FeatureSet.INSTANCE, SPACE, List.of());
            log.stream().filter(l -> shard.ownsStudent(l.studentId())).forEach(l -> part.accept(l, false));
            parts.add(part.rows());
        }

        RowSet merged = RowSet.merge(parts);

        RowSet one = whole.rows();
        assertThat(merged.exercises()).hasSameSizeAs(one.exercises());
        for (int k = 0; k < one.exercises().size(); k++) {
            ExerciseRows a = one.exercises().get(k);
            ExerciseRows b = merged.exercises().get(k);
            assertThat(b.exercise()).isEqualTo(a.exercise());
            assertThat(b.x()).isEqualTo(a.x());
            assertThat(b.y()).isEqualTo(a.y());
            assertThat(b.student()).isEqualTo(a.student());
            assertThat(b.time()).isEqualTo(a.time());
        }
    }
}
