package proficio.service.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;
import proficio.proto.ProblemLogs;
import proficio.proto.v1.ExerciseMastery;
import proficio.proto.v1.GetMasteryLevelsRequest;
import proficio.proto.v1.GetTransitionsRequest;
import proficio.proto.v1.GetTransitionsResponse;
import proficio.proto.v1.MasteryLevel;
import proficio.proto.v1.MasteryLevels;
import proficio.proto.v1.MasteryTransition;

/**
 * Issue #4's replay test: answers applied live by one instance, and the same answers replayed from
 * {@code problem-logs} by a fresh instance (another application id, empty state dir), give identical
 * levels, due times and stored transitions. Both run the shipped default model, so every answer is
 * applied under the same model version (the condition in docs/decisions.md, "Replay caveat").
 */
class ReplayIT {

    private static final long H = 3_600_000L;
    private static final long D = 24 * H;
    private static final AtomicLong SEQ = new AtomicLong();

    @TempDir
    static Path dir;
    static TestBroker broker;
    static ServiceProcess live;
    static ServiceProcess fresh;

    @BeforeAll
    static void start() throws Exception {
        broker = new TestBroker(dir.resolve("broker"));
        live = new ServiceProcess(dir.resolve("live"), Map.of(
                "proficio.kafka.bootstrap-servers", broker.bootstrapServers(),
                "proficio.streams.application-id", "replay-it-live")).start().awaitServing(60_000);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess s : new ServiceProcess[] {fresh, live}) {
            if (s != null) {
                s.close();
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void answersAppliedLive_andReplayedByAFreshInstance_giveIdenticalLevelsDueTimesAndTransitions() throws Exception {
        long base = System.currentTimeMillis() - 90 * D;
        Map<String, List<ProblemLog>> histories = new LinkedHashMap<>();
        histories.put("replay-clean", cleanThenReviewed(base));
        histories.put("replay-demoted", masteredThenWrongReview(base + H));
        histories.put("replay-mixed", mixed(base + 2 * H));
        histories.values().forEach(h -> h.forEach(broker::send));

        Map<String, MasteryLevels> liveLevels = new TreeMap<>();
        Map<String, GetTransitionsResponse> liveTransitions = new TreeMap<>();
        for (Map.Entry<String, List<ProblemLog>> e : histories.entrySet()) {
            awaitApplied(live, e.getKey(), e.getValue());
            liveLevels.put(e.getKey(), levels(live, e.getKey()));
            liveTransitions.put(e.getKey(), transitions(live, e.getKey()));
        }

        // What the live run reached: PRACTICED, LEVEL_TWO and MASTERED, with review due times.
        List<MasteryTransition> all = liveTransitions.values().stream().flatMap(t -> t.getTransitionsList().stream()).toList();
        assertThat(all).extracting(MasteryTransition::getToLevel).contains(MasteryLevel.MASTERY_LEVEL_PRACTICED,
                MasteryLevel.MASTERY_LEVEL_LEVEL_TWO, MasteryLevel.MASTERY_LEVEL_MASTERED);
        assertThat(all).extracting(MasteryTransition::getRule).contains("PRACTICE_TASK_COMPLETED", "REVIEW_RIGHT", "REVIEW_WRONG");
        assertThat(liveLevels.get("replay-clean").getExercisesList()).filteredOn(ExerciseMastery::hasNextReviewDue).isNotEmpty();
        assertThat(liveLevels.get("replay-demoted").getExercisesList()).filteredOn(ExerciseMastery::hasNextReviewDue).isNotEmpty();
        for (GetTransitionsResponse t : liveTransitions.values()) {
            assertThat(t.getMore()).isFalse();
            for (int i = 1; i < t.getTransitionsCount(); i++) {
                assertThat(ProblemLogs.Timestamps.toMillis(t.getTransitions(i).getEventTime()))
                        .as("oldest first").isGreaterThanOrEqualTo(ProblemLogs.Timestamps.toMillis(t.getTransitions(i - 1).getEventTime()));
            }
        }

        fresh = new ServiceProcess(dir.resolve("fresh"), Map.of(
                "proficio.kafka.bootstrap-servers", broker.bootstrapServers(),
                "proficio.streams.application-id", "replay-it-fresh")).start().awaitServing(60_000);
        for (Map.Entry<String, List<ProblemLog>> e : histories.entrySet()) {
            awaitApplied(fresh, e.getKey(), e.getValue());
            assertThat(levels(fresh, e.getKey())).as("levels of %s", e.getKey()).isEqualTo(liveLevels.get(e.getKey()));
            assertThat(transitions(fresh, e.getKey())).as("transitions of %s", e.getKey()).isEqualTo(liveTransitions.get(e.getKey()));
        }

        // since: inclusive, on event time.
        GetTransitionsResponse clean = liveTransitions.get("replay-clean");
        MasteryTransition last = clean.getTransitions(clean.getTransitionsCount() - 1);
        GetTransitionsResponse sinceLast = fresh.knowledge().getTransitions(GetTransitionsRequest.newBuilder()
                .setStudentId("replay-clean").setSince(last.getEventTime()).build());
        assertThat(sinceLast.getTransitionsList()).containsExactly(last);
        GetTransitionsResponse firstOnly = fresh.knowledge().getTransitions(GetTransitionsRequest.newBuilder()
                .setStudentId("replay-clean").setLimit(1).build());
        assertThat(firstOnly.getTransitionsList()).containsExactly(clean.getTransitions(0));
        assertThat(firstOnly.getMore()).isTrue();
    }

    /** A clean practice task, a right mastery card 17 h later (p high: straight to MASTERED), then a right review. */
    private static List<ProblemLog> cleanThenReviewed(long t) {
        String s = "replay-clean";
        List<ProblemLog> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(log(s, "addition_1", CardType.PRACTICE, true, t + i * 60_000L));
        }
        out.add(log(s, "addition_1", CardType.MASTERY, true, t + 17 * H));
        out.add(log(s, "addition_1", CardType.MASTERY, true, t + 34 * H)); // LEVEL_TWO → MASTERED if the first only climbed
        out.add(log(s, "addition_1", CardType.REVIEW, true, t + 34 * H + 33 * D)); // due after at most 32 d
        // A practice task with misses: p lower, one level at a time.
        boolean[] answers = {false, true, false, true, false, true, true, true, true, true};
        for (int i = 0; i < answers.length; i++) {
            out.add(log(s, "fractions", CardType.PRACTICE, answers[i], t + H + i * 60_000L));
        }
        out.add(log(s, "fractions", CardType.MASTERY, true, t + 18 * H));
        out.add(log(s, "fractions", CardType.MASTERY, false, t + 36 * H)); // 16 h gate from last promotion
        out.add(log(s, "fractions", CardType.MASTERY, true, t + 37 * H));
        return sortedByTime(out);
    }

    /** MASTERED, then a wrong review (→ LEVEL_TWO), then a right mastery card (→ MASTERED, first interval again). */
    private static List<ProblemLog> masteredThenWrongReview(long t) {
        String s = "replay-demoted";
        List<ProblemLog> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(log(s, "area", CardType.PRACTICE, true, t + i * 60_000L));
        }
        out.add(log(s, "area", CardType.MASTERY, true, t + 17 * H));
        out.add(log(s, "area", CardType.MASTERY, true, t + 34 * H));
        out.add(log(s, "area", CardType.REVIEW, false, t + 34 * H + 33 * D));
        out.add(log(s, "area", CardType.MASTERY, true, t + 34 * H + 34 * D));
        return out;
    }

    /** Practice over several exercises with misses, and mastery cards early (counted as practice) and late. */
    private static List<ProblemLog> mixed(long t) {
        String s = "replay-mixed";
        String[] exercises = {"place_value", "subtraction_1", "addition_2"};
        java.util.Random r = new java.util.Random(7);
        List<ProblemLog> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            CardType card = i % 10 == 9 ? CardType.MASTERY : CardType.PRACTICE;
            out.add(log(s, exercises[r.nextInt(exercises.length)], card, r.nextDouble() < 0.8, t + i * 20 * H));
        }
        return out;
    }

    private static List<ProblemLog> sortedByTime(List<ProblemLog> logs) {
        return logs.stream().sorted(java.util.Comparator.comparingLong(ProblemLog::timeDoneMs)).toList();
    }

    private static ProblemLog log(String student, String exercise, CardType card, boolean correct, long time) {
        return new ProblemLog("replay-" + SEQ.incrementAndGet(), student, exercise, "", 0, correct, time, 0, 0,
                correct ? 1 : 0, card, "");
    }

    /** Waits until every exercise of the history shows all its answers applied on {@code service}. */
    private static void awaitApplied(ServiceProcess service, String student, List<ProblemLog> history) throws InterruptedException {
        Map<String, Long> done = new TreeMap<>();
        history.forEach(l -> done.merge(l.exercise(), 1L, Long::sum));
        for (Map.Entry<String, Long> e : done.entrySet()) {
            Students.awaitDone(service.knowledge(), student, e.getKey(), e.getValue());
        }
    }

    private static MasteryLevels levels(ServiceProcess service, String student) {
        return service.knowledge().getMasteryLevels(GetMasteryLevelsRequest.newBuilder().setStudentId(student).build());
    }

    private static GetTransitionsResponse transitions(ServiceProcess service, String student) {
        return service.knowledge().getTransitions(GetTransitionsRequest.newBuilder().setStudentId(student).setLimit(1000).build());
    }
}
