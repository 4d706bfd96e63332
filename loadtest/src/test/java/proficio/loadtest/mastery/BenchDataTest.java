package proficio.loadtest.mastery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import proficio.model.catalogue.CatalogueFile;
import proficio.model.catalogue.ExerciseCatalogue;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;
import proficio.model.mastery.Answer;
import proficio.model.mastery.MasteryChallenge;
import proficio.model.mastery.MasteryConfig;
import proficio.model.mastery.MasteryLevel;
import proficio.model.mastery.MasteryPlanner;
import proficio.model.mastery.MasteryRules;
import proficio.model.mastery.MasteryState;
import proficio.model.predict.KnowledgeModel;
import proficio.model.state.StateUpdate;
import proficio.model.state.StudentReplay;

class BenchDataTest {

    private static final long ANCHOR = 1_714_521_600_000L; // 2024-05-01T00:00Z

    @Test
    void generate_isTheSameForTheSameSeed() {
        BenchData a = BenchData.generate(500, 60, 3, 7, ANCHOR);
        BenchData b = BenchData.generate(500, 60, 3, 7, ANCHOR);
        assertThat(a.catalogue()).isEqualTo(b.catalogue());
        assertThat(a.studentAnswers()).isEqualTo(b.studentAnswers());
        assertThat(a.otherAnswers()).isEqualTo(b.otherAnswers());
        assertThat(BenchData.generate(500, 60, 3, 8, ANCHOR).studentAnswers()).isNotEqualTo(a.studentAnswers());
    }

    @Test
    void catalogue_isValidAndSurvivesTheFileFormat() throws Exception {
        ExerciseCatalogue c = BenchData.generate(5000, 300, 0, 1, ANCHOR).catalogue();
        assertThat(c.size()).isEqualTo(5000);
        assertThat(c.missions()).hasSize(5000 / BenchData.MISSION_SIZE);
        assertThat(c.hasCovering()).isTrue();
        assertThat(c.exercises()).anySatisfy(e -> assertThat(e.prerequisites()).hasSize(2));
        StringBuilder text = new StringBuilder();
        CatalogueFile.write(c, text);
        assertThat(CatalogueFile.read(new StringReader(text.toString()), "bench.txt")).isEqualTo(c);
    }

    @Test
    void student_attemptsExactlyTheAskedExercises_inTimeOrder_beforeTheAnchor() {
        BenchData d = BenchData.generate(5000, 300, 20, 1, ANCHOR);
        Set<String> attempted = d.studentAnswers().stream().map(ProblemLog::exercise).collect(Collectors.toSet());
        assertThat(attempted).hasSize(300).allSatisfy(e -> assertThat(d.catalogue().contains(e)).isTrue());
        assertThat(d.studentAnswers()).allSatisfy(a -> {
            assertThat(a.studentId()).isEqualTo(d.student());
            assertThat(a.timeDoneMs()).isLessThan(ANCHOR);
        });
        assertThat(d.studentAnswers()).isSortedAccordingTo((x, y) -> Long.compare(x.timeDoneMs(), y.timeDoneMs()));
        // a sixth of the exercises are mastered by a challenge card, their only answer (the MASTERED group)
        assertThat(d.studentAnswers().stream().filter(a -> a.cardType() == CardType.CHALLENGE).count())
                .isEqualTo(300 - 150 - 100);
        assertThat(d.otherAnswers()).hasSize(20 * 40);
        assertThat(d.studentAnswers().stream().map(ProblemLog::eventId).distinct().count())
                .isEqualTo(d.studentAnswers().size());
    }

    /**
     * The bench means to time the planner's expensive path: the student's answers, put through the
     * mastery rules under the bench's trained model as the service's processor does, leave one due
     * review and one available mastery card, so the next challenge has to scan the catalogue for the
     * other four cards.
     */
    @Test
    void student_leavesOneReviewAndOneMasteryCard_underTheTrainedModel() throws Exception {
        BenchData d = BenchData.generate(5000, 300, 0, 20240501, ANCHOR);
        KnowledgeModel model = BenchData.trainedModel(d.catalogue(), 20240501);
        MasteryRules rules = new MasteryRules(MasteryConfig.DEFAULTS);
        StudentReplay student = new StudentReplay(new StateUpdate(model.featureSpace()));
        Map<String, MasteryState> mastery = new HashMap<>();
        for (ProblemLog a : d.studentAnswers()) {
            double p = model.predict(a.exercise(), a.problemType(), student).probability();
            MasteryState before = mastery.getOrDefault(a.exercise(), MasteryState.INITIAL);
            mastery.put(a.exercise(), rules.apply(before, Answer.of(a), p, model.version()).state());
            student.apply(a);
        }
        assertThat(mastery.values().stream().filter(m -> m.level() == MasteryLevel.MASTERED).count()).isEqualTo(50);

        MasteryChallenge challenge = new MasteryPlanner(d.catalogue(), MasteryConfig.DEFAULTS)
                .nextChallenge(d.student(), mastery, e -> model.predict(e, "", student).probability(), ANCHOR);

        assertThat(challenge.cards()).filteredOn(c -> c.type() == CardType.REVIEW).hasSize(BenchData.DUE_REVIEWS);
        assertThat(challenge.cards()).filteredOn(c -> c.type() == CardType.MASTERY).hasSize(BenchData.AVAILABLE_MASTERY);
    }

    @Test
    void generate_refusesMoreAttemptedThanTheCatalogueHolds() {
        assertThatThrownBy(() -> BenchData.generate(10, 11, 0, 1, ANCHOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempted 11");
    }
}
