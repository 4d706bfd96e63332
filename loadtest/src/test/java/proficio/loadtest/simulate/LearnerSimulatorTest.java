package proficio.loadtest.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;
import proficio.model.event.ProblemLogValidator;

class LearnerSimulatorTest {

    static final long ANCHOR = 1_750_000_000_000L;
    static final Curriculum CURRICULUM = Curriculum.generate(10, 20, 7);

    static List<SourcedAnswer> take(long seed, int students, int concurrent) {
        LearnerSimulator sim = new LearnerSimulator(CURRICULUM,
                new LearnerSimulator.Settings("s-", concurrent, students, 20, ANCHOR, seed));
        List<SourcedAnswer> out = new ArrayList<>();
        for (SourcedAnswer a = sim.next(); a != null; a = sim.next()) {
            out.add(a);
        }
        return out;
    }

    @Test
    void sameSeed_sameStream_answerForAnswer() {
        assertThat(take(42, 50, 10)).isEqualTo(take(42, 50, 10)).isNotEmpty();
    }

    @Test
    void otherSeed_otherStream() {
        List<ProblemLog> a = take(42, 50, 10).stream().map(SourcedAnswer::log).toList();
        List<ProblemLog> b = take(43, 50, 10).stream().map(SourcedAnswer::log).toList();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aLearnersAnswers_doNotDependOnTheInterleaving() {
        Map<String, List<ProblemLog>> alone = byStudent(take(42, 30, 1));
        Map<String, List<ProblemLog>> interleaved = byStudent(take(42, 30, 7));
        assertThat(interleaved).isEqualTo(alone);
    }

    @Test
    void finiteRun_endsWithEveryStudentDone_withAboutTwentyExercises_inTimeOrder_andValid() {
        List<SourcedAnswer> all = take(42, 100, 25);
        Map<String, List<ProblemLog>> byStudent = byStudent(all);
        assertThat(byStudent).hasSize(100);
        ProblemLogValidator validator = new ProblemLogValidator(3_600_000L);
        Set<String> ids = new HashSet<>();
        Map<String, Long> done = new HashMap<>();
        for (SourcedAnswer a : all) {
            ProblemLog log = a.log();
            assertThat(validator.validate(log, log.studentId(), ANCHOR)).isEmpty();
            assertThat(ids.add(log.eventId())).as("event ids are unique").isTrue();
            long n = done.merge(log.studentId() + "/" + log.exercise(), 1L, Long::sum);
            assertThat(a.doneInExercise()).isEqualTo(n);
        }
        for (List<ProblemLog> logs : byStudent.values()) {
            long exercises = logs.stream().map(ProblemLog::exercise).distinct().count();
            assertThat(exercises).isBetween(20L, 30L);
            for (int i = 1; i < logs.size(); i++) {
                assertThat(logs.get(i).timeDoneMs()).isGreaterThan(logs.get(i - 1).timeDoneMs());
            }
        }
        Set<CardType> cards = new HashSet<>();
        all.forEach(a -> cards.add(a.log().cardType()));
        assertThat(cards).contains(CardType.PRACTICE, CardType.MASTERY, CardType.REVIEW, CardType.TUTORIAL,
                CardType.ANALYTICS);
    }

    @Test
    void practice_raisesTheChanceOfARightAnswer_andTimeWithoutPractice_lowersIt() {
        Learner learner = new Learner("ada", CURRICULUM, 99, 20, ANCHOR - 100L * Learner.DAY, ANCHOR);
        // The last (hardest) exercise of the topic she starts in: she will practise the topic, not it.
        Curriculum.Topic topic = CURRICULUM.topics().get(learner.topic());
        Curriculum.SimExercise later = topic.exercises().get(topic.exercises().size() - 1);
        double before = learner.probability(later, later.problemTypes().get(0));
        for (int i = 0; i < 40; i++) {
            learner.next();
        }
        double practised = learner.probability(later, later.problemTypes().get(0));
        learner.idle(90 * Learner.DAY);
        double forgotten = learner.probability(later, later.problemTypes().get(0));
        assertThat(practised).isGreaterThan(before + 0.05);
        assertThat(forgotten).isLessThan(practised - 0.05).isGreaterThanOrEqualTo(before - 1e-9);
    }

    @Test
    void overManyLearners_theSecondPracticeTaskOfATopic_goesBetterThanTheFirst() {
        // A learner's first exercise in a topic versus the next one: harder by the curriculum's ramp,
        // and still answered more often right thanks to what the first taught (the learning curve).
        List<SourcedAnswer> all = take(5, 400, 50);
        Map<String, List<ProblemLog>> byStudent = byStudent(all);
        int[] right = new int[2];
        int[] total = new int[2];
        for (List<ProblemLog> logs : byStudent.values()) {
            List<String> order = logs.stream().filter(l -> l.cardType() == CardType.PRACTICE)
                    .map(ProblemLog::exercise).distinct().limit(2).toList();
            for (ProblemLog l : logs) {
                int k = order.indexOf(l.exercise());
                if (k >= 0 && l.cardType() == CardType.PRACTICE && l.problemNumber() <= 3) {
                    total[k]++;
                    right[k] += l.correct() ? 1 : 0;
                }
            }
        }
        double firstRate = (double) right[0] / total[0];
        double secondRate = (double) right[1] / total[1];
        assertThat(secondRate).isGreaterThan(firstRate);
    }

    private static Map<String, List<ProblemLog>> byStudent(List<SourcedAnswer> answers) {
        Map<String, List<ProblemLog>> m = new HashMap<>();
        answers.forEach(a -> m.computeIfAbsent(a.log().studentId(), k -> new ArrayList<>()).add(a.log()));
        return m;
    }
}
