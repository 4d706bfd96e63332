package proficio.service.mastery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import proficio.model.catalogue.Exercise;
import proficio.model.catalogue.ExerciseCatalogue;
import proficio.model.event.CardType;
import proficio.model.mastery.Card;
import proficio.model.mastery.MasteryChallenge;
import proficio.model.mastery.MasteryConfig;
import proficio.model.mastery.MasteryLevel;
import proficio.model.mastery.MasteryPlanner;
import proficio.model.mastery.MasteryState;
import proficio.model.mastery.RankedExercise;
import proficio.model.predict.KnowledgeModel;
import proficio.model.predict.Theta;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import proficio.proto.DefaultModel;
import proficio.proto.ModelArtifacts;
import proficio.store.StudentSnapshot;

class PlanningTest {

    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_700_000_000_000L;

    private static KnowledgeModel model() throws Exception {
        return ModelArtifacts.toModel(DefaultModel.artifact());
    }

    private static ExerciseCatalogue catalogue() throws Exception {
        return proficio.model.catalogue.CatalogueFile.read(new java.io.StringReader(
                "proficio-catalogue 1\naddition_1 | arithmetic\naddition_2 | arithmetic | | addition_1 |\nangles | geometry\n"),
                "test");
    }

    /** Five right answers in addition_1, finished at T0: PRACTICED since T0. */
    private static StudentSnapshot practiced() {
        ExerciseState e = ExerciseState.EMPTY;
        for (int i = 0; i < 5; i++) {
            e = e.withAnswer(true, T0 - (4 - i) * 60_000L, "e" + i);
        }
        MasteryState m = new MasteryState(MasteryLevel.PRACTICED, false, 0, 0b11111, 5, 5, T0, 0, 0);
        return new StudentSnapshot("s", KnowledgeState.zero(), null, Map.of("addition_1", e, "offline", e),
                Map.of("addition_1", m, "offline", MasteryState.INITIAL), true);
    }

    @Test
    void predictions_equalTheModelsPredict_forAttemptedAndNeverAttemptedExercises() throws Exception {
        KnowledgeModel model = model();
        StudentSnapshot s = practiced();
        ToDoubleFunction<String> p = Planning.predictions(model, s);
        for (String e : List.of("addition_1", "addition_2", "angles", "offline", "unheard_of")) {
            assertThat(p.applyAsDouble(e)).as(e).isEqualTo(model.predict(e, "", s).probability());
        }
    }

    @Test
    void cataloguePredictions_equalTheModelsPredict_whicheverExerciseIsAskedFirst() throws Exception {
        // Own thetas for an attempted and a never-attempted catalogue exercise, so the catalogue pass
        // (never-attempted ones) and the single predictions (attempted ones) both carry weight.
        KnowledgeModel base = model();
        double[] w = base.globalTheta().toArray();
        double[] w1 = w.clone();
        double[] w2 = w.clone();
        for (int i = 0; i < w.length; i++) {
            w1[i] += 0.01 * (i % 5);
            w2[i] -= 0.02 * (i % 3);
        }
        KnowledgeModel model = new KnowledgeModel("own", base.featureSpace(), base.featureSet(), base.globalTheta(),
                Map.of("addition_1", Theta.of(w1), "angles", Theta.of(w2)),
                Map.of("addition_1", Map.of("", 0.3), "angles", Map.of("", -0.2)), base.provenance());
        StudentSnapshot s = practiced();
        List<String> exercises = List.of("addition_1", "addition_2", "angles", "offline", "unheard_of");
        for (List<String> order : List.of(exercises, exercises.reversed())) {
            ToDoubleFunction<String> p = Planning.predictions(catalogue(), model, s);
            for (String e : order) {
                assertThat(p.applyAsDouble(e)).as(e).isEqualTo(model.predict(e, "", s).probability());
            }
        }
        assertThat(model.predict("angles", "", s).probability())
                .isNotEqualTo(model.predict("addition_2", "", s).probability());
        // By catalogue index too, the attempted exercise (addition_1) included: the pass leaves its entry
        // to a single prediction, made when it is asked for, before or after a never-attempted one.
        for (List<String> order : List.of(exercises, exercises.reversed())) {
            var p = Planning.predictions(catalogue(), model, s);
            for (String e : order) {
                int i = catalogue().indexOf(e);
                if (i >= 0) {
                    assertThat(p.atCatalogueIndex(i)).as(e).isEqualTo(model.predict(e, "", s).probability());
                    assertThat(p.atCatalogueIndex(i)).as(e + ", asked again").isEqualTo(model.predict(e, "", s).probability());
                }
            }
        }
    }

    @Test
    void nextChallenge_offersTheMasteryCardOnly_after16Hours() throws Exception {
        MasteryPlanner planner = new MasteryPlanner(catalogue(), MasteryConfig.DEFAULTS);
        StudentSnapshot s = practiced();

        MasteryChallenge early = Planning.nextChallenge(planner, model(), s, T0 + 15 * HOUR);
        assertThat(early.cards()).isEmpty();

        MasteryChallenge later = Planning.nextChallenge(planner, model(), s, T0 + 17 * HOUR);
        assertThat(later.cards()).isNotEmpty();
        Card first = later.cards().get(0);
        assertThat(first.exercise()).isEqualTo("addition_1");
        assertThat(first.type()).isEqualTo(CardType.MASTERY);
        assertThat(first.p()).isEqualTo(model().predict("addition_1", "", s).probability());
    }

    @Test
    void practiceTasks_needPrerequisitesPracticed() throws Exception {
        MasteryPlanner planner = new MasteryPlanner(catalogue(), MasteryConfig.DEFAULTS);
        assertThat(Planning.practiceTasks(planner, model(), practiced(), "arithmetic", 10))
                .extracting(RankedExercise::exercise).containsExactlyInAnyOrder("addition_1", "addition_2");
        StudentSnapshot nobody = new StudentSnapshot("n", null, null, Map.of(), Map.of(), true);
        assertThat(Planning.practiceTasks(planner, model(), nobody, "arithmetic", 10))
                .extracting(RankedExercise::exercise).containsExactly("addition_1");
    }

    @Test
    void rankAll_coversCatalogueAndAttemptedExercises_highestPFirst() throws Exception {
        ExerciseCatalogue catalogue = catalogue();
        MasteryPlanner planner = new MasteryPlanner(catalogue, MasteryConfig.DEFAULTS);
        List<Planning.Ranked> ranked = Planning.rankAll(planner, model(), practiced(), 0).toList();

        assertThat(ranked).extracting(Planning.Ranked::exercise)
                .containsExactlyInAnyOrder("addition_1", "addition_2", "angles", "offline");
        for (int i = 1; i < ranked.size(); i++) {
            assertThat(ranked.get(i - 1).p()).isGreaterThanOrEqualTo(ranked.get(i).p());
        }
        assertThat(ranked.get(0).exercise()).isIn("addition_1", "offline"); // five right beats never tried
        assertThat(Planning.rankAll(planner, model(), practiced(), 2).toList()).hasSize(2);
        assertThat(catalogue.exercises()).extracting(Exercise::name).doesNotContain("offline");
        assertThat(ranked).allSatisfy(r -> assertThat(r.inCatalogue()).isEqualTo(catalogue.contains(r.exercise())));
    }

    @Test
    void rankAll_breaksTiesByName_whateverTheCatalogueOrder() throws Exception {
        // Never-attempted exercises on the global theta all have the same p: the order is then by name.
        List<Exercise> reversed = List.of(
                new Exercise("zeta", "m", List.of(), List.of(), List.of()),
                new Exercise("mu", "m", List.of(), List.of(), List.of()),
                new Exercise("beta", "m", List.of(), List.of(), List.of()),
                new Exercise("alpha", "m", List.of(), List.of(), List.of()));
        MasteryPlanner planner = new MasteryPlanner(ExerciseCatalogue.of(reversed), MasteryConfig.DEFAULTS);
        StudentSnapshot nobody = new StudentSnapshot("nobody", KnowledgeState.zero(), null, Map.of(), Map.of(), true);
        assertThat(Planning.rankAll(planner, model(), nobody, 0).toList()).extracting(Planning.Ranked::exercise)
                .containsExactly("alpha", "beta", "mu", "zeta");
        assertThat(Planning.rankAll(planner, model(), nobody, 3).toList()).extracting(Planning.Ranked::exercise)
                .containsExactly("alpha", "beta", "mu");

        // Exercises outside the catalogue (here with no answer yet, so the same p) merge into the name
        // order: before all, between, after all, and two between the same pair.
        Map<String, ExerciseState> outside = new java.util.HashMap<>();
        for (String e : List.of("aaa", "beta2", "beta3", "zzz")) {
            outside.put(e, ExerciseState.EMPTY);
        }
        StudentSnapshot withOutside = new StudentSnapshot("o", KnowledgeState.zero(), null, outside, Map.of(), true);
        Planning.RankedAll all = Planning.rankAll(planner, model(), withOutside, 0);
        assertThat(all.toList()).extracting(Planning.Ranked::exercise)
                .containsExactly("aaa", "alpha", "beta", "beta2", "beta3", "mu", "zeta", "zzz");
        assertThat(all.toList()).extracting(Planning.Ranked::inCatalogue)
                .containsExactly(false, true, true, false, false, true, true, false);
        assertThat(all.catalogueIndex(1)).isEqualTo(3);
    }

    @Test
    void rankAll_givesEachExerciseItsPredictionAndLevel() throws Exception {
        MasteryPlanner planner = new MasteryPlanner(catalogue(), MasteryConfig.DEFAULTS);
        var student = practiced();
        var p = Planning.predictions(model(), student);
        assertThat(Planning.rankAll(planner, model(), student, 0).toList()).allSatisfy(r -> {
            assertThat(r.p()).isEqualTo(p.applyAsDouble(r.exercise()));
            assertThat(r.level()).isEqualTo(student.masteryOf(r.exercise()).level());
        });
    }

    @Test
    void highestPFirst_ordersExactly_byPDescendingThenRank_evenForPsCloserThanItsKeysResolve() {
        java.util.Random random = new java.util.Random(11);
        for (int n : new int[] {1, 2, 7, 300, 5000}) {
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                double base = switch (random.nextInt(4)) {
                    case 0 -> 0.5;                                              // exact ties
                    case 1 -> Math.nextUp(0.5);                                 // one ulp apart
                    case 2 -> random.nextDouble() < 0.5 ? 1.0 : Double.MIN_VALUE; // the ends
                    default -> random.nextDouble();
                };
                p[i] = base;
            }
            // ranks: a shuffled permutation, as the name order is of catalogue indexes
            List<Integer> shuffled = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, n).boxed().toList());
            java.util.Collections.shuffle(shuffled, random);
            int[] rank = shuffled.stream().mapToInt(Integer::intValue).toArray();
            int[] entryOfRank = new int[n];
            for (int i = 0; i < n; i++) {
                entryOfRank[rank[i]] = i;
            }
            Integer[] expected = new Integer[n];
            for (int i = 0; i < n; i++) {
                expected[i] = i;
            }
            java.util.Arrays.sort(expected, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(rank[a], rank[b]));

            assertThat(Planning.highestPFirst(p, e -> rank[e], r -> entryOfRank[r])).as("n = " + n)
                    .containsExactly(java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
        }
    }
}
