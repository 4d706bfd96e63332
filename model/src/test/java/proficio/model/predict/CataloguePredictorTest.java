package proficio.model.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import proficio.model.catalogue.Exercise;
import proficio.model.catalogue.ExerciseCatalogue;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;
import proficio.model.feature.FeatureSet;
import proficio.model.feature.FeatureSets;
import proficio.model.feature.FeatureSpace;
import proficio.model.feature.Ka2014FeatureSet;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;

class CataloguePredictorTest {

    private static final Provenance PROVENANCE = new Provenance(0, "test", 0, null);

    private static Exercise exercise(String name) {
        return new Exercise(name, "m", List.of(), List.of(), List.of());
    }

    @Test
    void predict_equalsTheModelsPredictBitForBit_forEveryCatalogueExercise() {
        // Exercises with their own theta, with an offset only, on the global theta, attempted or not; 11
        // packed rows.
        List<Exercise> exercises = new ArrayList<>(List.of(exercise("zeta"), exercise("own"), exercise("a"),
                exercise("offset-only"), exercise("never"), exercise("b")));
        for (int i = 0; i < 8; i++) {
            exercises.add(Math.min(i * 2, exercises.size()), exercise("t" + i));
        }
        ExerciseCatalogue catalogue = ExerciseCatalogue.of(exercises);
        // every registered set: ka2014-seq reads the student's sequence through the shared view too
        for (FeatureSet set : FeatureSets.names().stream().sorted().map(n -> FeatureSets.byName(n).orElseThrow()).toList()) {
            Random random = new Random(7);
            StudentReplay student = new StudentReplay(new StateUpdate(new FeatureSpace(3L)));
            String[] tried = {"a", "b", "a", "outside", "b", "a"};
            for (int i = 0; i < tried.length; i++) {
                student.apply(new ProblemLog("e" + i, "s", tried[i], "", 0, i % 3 != 1, 1000L + i, 0, 0, 1,
                        CardType.PRACTICE, ""));
            }
            Map<String, Theta> thetas = new HashMap<>(Map.of("own", theta(random, set), "a", theta(random, set)));
            for (int i = 0; i < 8; i++) {
                thetas.put("t" + i, theta(random, set));
            }
            KnowledgeModel full = new KnowledgeModel("v", new FeatureSpace(3L), set, theta(random, set), thetas,
                    Map.of("own", Map.of("", 0.25, "t1", -1.0), "offset-only", Map.of("", -0.5)), PROVENANCE);

            // Thetas of full double precision are held as doubles; rounded ones as floats. Both give
            // the model's own predict to the bit.
            for (KnowledgeModel model : List.of(full, full.atFloatPrecision())) {
                CataloguePredictor predictor = CataloguePredictor.of(catalogue, model);
                // never-attempted entries from the shared vector; the attempted ones from their own state
                double[] p = predictor.predictUnattempted(student);
                for (String attempted : List.of("a", "b")) {
                    p[catalogue.indexOf(attempted)] = predictor.predictAt(catalogue.indexOf(attempted), student);
                }

                assertThat(predictor.holdsFloats()).isEqualTo(model != full);
                assertThat(p).hasSize(catalogue.size());
                // one scratch array for all, dirtied first: every element is written for each exercise
                double[] scratch = new double[predictor.dimension()];
                java.util.Arrays.fill(scratch, Double.NaN);
                for (int i = 0; i < catalogue.size(); i++) {
                    String name = catalogue.get(i).name();
                    assertThat(p[i]).as(set.name() + " " + name).isEqualTo(model.predict(name, "", student).probability());
                    assertThat(predictor.predictAt(i, student)).as(set.name() + " " + name + " on its own")
                            .isEqualTo(model.predict(name, "", student).probability());
                    assertThat(predictor.predictAt(i, student, scratch)).as(set.name() + " " + name + " reusing an array")
                            .isEqualTo(model.predict(name, "", student).probability());
                }
                assertThat(p[catalogue.indexOf("own")]).isNotEqualTo(p[catalogue.indexOf("never")]);
                assertThat(p[catalogue.indexOf("offset-only")]).isNotEqualTo(p[catalogue.indexOf("never")]);
                assertThat(p[catalogue.indexOf("zeta")]).isEqualTo(p[catalogue.indexOf("never")]);
            }
        }
    }

    @Test
    void atFloatPrecision_roundsEveryThetaToTheNearestFloat_andKeepsTheRest() {
        Random random = new Random(5);
        FeatureSet set = Ka2014FeatureSet.INSTANCE;
        Theta own = theta(random, set);
        KnowledgeModel model = new KnowledgeModel("v", new FeatureSpace(3L), set, theta(random, set), Map.of("e", own),
                Map.of("e", Map.of("", 0.1234567891)), PROVENANCE);

        KnowledgeModel rounded = model.atFloatPrecision();

        assertThat(own.isAtFloatPrecision()).isFalse();
        assertThat(rounded.exerciseThetas().get("e").isAtFloatPrecision()).isTrue();
        assertThat(rounded.globalTheta().isAtFloatPrecision()).isTrue();
        for (int i = 0; i < set.dimension(); i++) {
            assertThat(rounded.exerciseThetas().get("e").get(i)).isEqualTo((double) (float) own.get(i))
                    .isCloseTo(own.get(i), org.assertj.core.data.Percentage.withPercentage(1e-5));
        }
        assertThat(rounded.problemTypeOffsets()).isEqualTo(model.problemTypeOffsets());
        assertThat(rounded.version()).isEqualTo(model.version());
        assertThat(rounded.atFloatPrecision().exerciseThetas()).isEqualTo(rounded.exerciseThetas());
    }

    @Test
    void byName_listsTheCatalogueIndexesInNameOrder() {
        ExerciseCatalogue catalogue = ExerciseCatalogue.of(List.of(exercise("zeta"), exercise("alpha"), exercise("mu")));
        KnowledgeModel model = new KnowledgeModel("v", new FeatureSpace(3L), Ka2014FeatureSet.INSTANCE,
                theta(new Random(1), Ka2014FeatureSet.INSTANCE), Map.of(), PROVENANCE);
        CataloguePredictor predictor = CataloguePredictor.of(catalogue, model);

        assertThat(new int[] {predictor.byNameAt(0), predictor.byNameAt(1), predictor.byNameAt(2)}).containsExactly(1, 2, 0);
        assertThat(new int[] {predictor.nameRank(0), predictor.nameRank(1), predictor.nameRank(2)}).containsExactly(2, 0, 1);
        assertThat(predictor.isFor(catalogue, model)).isTrue();
        assertThat(predictor.isFor(ExerciseCatalogue.of(catalogue.exercises()), model)).isFalse();
    }

    private static Theta theta(Random random, FeatureSet set) {
        double[] w = new double[set.dimension()];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() * 0.3;
        }
        return Theta.of(w);
    }
}
