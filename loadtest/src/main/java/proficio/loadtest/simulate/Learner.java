package proficio.loadtest.simulate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;
import proficio.loadtest.simulate.Curriculum.ProblemType;
import proficio.loadtest.simulate.Curriculum.SimExercise;

/**
 * One simulated student, studying in sessions the way the learning dashboard leads them: practice
 * tasks (problems of one exercise until 5 right in a row), mastery challenges (up to 6 cards from
 * different exercises: due reviews, mastery cards 16 h after a promotion, a challenge card for an
 * untried exercise that looks easy, sometimes an analytics card from anywhere), now and then a
 * tutorial. The learner keeps their own rough copy of their levels to choose cards; the service
 * decides the real ones.
 *
 * <p>The chance of a right answer is {@code sigmoid(BASE_LOGIT + skill(topic) - difficulty - offset)}:
 * skill is the learner's general ability, plus an aptitude per topic, plus what they gained by
 * practising the topic, which grows with every answer (more with a right one), by less the more
 * they know already (a learning curve that flattens), and fades with time since they last practised
 * it ({@link #FORGETTING_MS}). Everything random comes from the learner's
 * own generator, so a learner's answers do not depend on how the simulator interleaves learners.
 */
final class Learner {

    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    /** p of a learner of average ability on an exercise of difficulty 0 with no practice: about 0.69. */
    static final double BASE_LOGIT = 0.8;
    /** Each answer closes this share of the gap to {@link #MAX_GAIN} (a right one; a wrong one, half of it). */
    static final double LEARN_RATE = 0.03;
    static final double MAX_GAIN = 3.0;
    /** What was gained by practice fades with this time constant (e^-1 after 30 days). */
    static final long FORGETTING_MS = 30 * DAY;

    // The dashboard's rules (docs/mastery.md defaults), as the learner sees them.
    static final int PRACTICE_STREAK = 5;
    static final int MAX_PRACTICE_PROBLEMS = 15;
    static final long MASTERY_GATE_MS = 16 * HOUR;
    static final int CHALLENGE_SIZE = 6;
    static final long FIRST_REVIEW_MS = 4 * DAY;
    static final long MAX_REVIEW_MS = 256 * DAY;
    static final double CHALLENGE_CARD_P = 0.85;
    static final double ANALYTICS_CHANCE = 0.3;
    static final double TUTORIAL_CHANCE = 0.05;
    static final double TAKE_CHALLENGE_CHANCE = 0.8;

    enum Level { NEW, PRACTICED, LEVEL_TWO, MASTERED }

    /** The learner's own note of an exercise. */
    static final class Progress {
        final SimExercise exercise;
        Level level = Level.NEW;
        long lastPromotionMs;
        long reviewIntervalMs;
        long reviewDueMs;
        long done;

        Progress(SimExercise exercise) {
            this.exercise = exercise;
        }
    }

    private final String id;
    private final Curriculum curriculum;
    private final SplittableRandom r;
    private final int exercisesToStudy;
    private final long endMs;
    private final double ability;
    private final double[] aptitude;
    private final double[] gained;
    private final long[] lastPracticeMs;
    private final Map<String, Progress> progress = new LinkedHashMap<>();
    private final ArrayDeque<SourcedAnswer> pending = new ArrayDeque<>();
    private long clockMs;
    private int topic;
    private long answers;
    private int tasks;
    private boolean retired;

    /**
     * @param exercisesToStudy the learner stops after a session once they have answered in this many exercises
     * @param startMs          the first session's start
     * @param endMs            no session starts at or after it (answers stay in the past)
     */
    Learner(String id, Curriculum curriculum, long seed, int exercisesToStudy, long startMs, long endMs) {
        this.id = id;
        this.curriculum = curriculum;
        this.r = new SplittableRandom(seed);
        this.exercisesToStudy = exercisesToStudy;
        this.clockMs = startMs;
        this.endMs = endMs;
        int topics = curriculum.topics().size();
        this.ability = r.nextGaussian() * 0.7;
        this.aptitude = new double[topics];
        Arrays.fill(aptitude, Double.NaN);
        this.gained = new double[topics];
        this.lastPracticeMs = new long[topics];
        this.topic = r.nextInt(topics);
    }

    String id() {
        return id;
    }

    /** The next answer, or null once the learner has stopped. */
    SourcedAnswer next() {
        while (pending.isEmpty() && !retired) {
            session();
        }
        return pending.poll();
    }

    /** p of a right answer to a problem of this type, now. */
    double probability(SimExercise e, ProblemType type) {
        return 1 / (1 + Math.exp(-(BASE_LOGIT + skill(e.topic()) - e.difficulty() - type.offset())));
    }

    long clockMs() {
        return clockMs;
    }

    /** The topic the learner is studying (or starts in). */
    int topic() {
        return topic;
    }

    /** Lets time pass without practice (forgetting). */
    void idle(long ms) {
        clockMs += ms;
    }

    int exercisesTouched() {
        return progress.size();
    }

    private double skill(int t) {
        if (Double.isNaN(aptitude[t])) {
            aptitude[t] = r.nextGaussian() * 0.5;
        }
        double faded = gained[t] * Math.exp(-(double) (clockMs - lastPracticeMs[t]) / FORGETTING_MS);
        return ability + aptitude[t] + faded;
    }

    private void learn(int t, boolean correct) {
        double faded = gained[t] * Math.exp(-(double) (clockMs - lastPracticeMs[t]) / FORGETTING_MS);
        gained[t] = faded + (correct ? LEARN_RATE : LEARN_RATE / 2) * (MAX_GAIN - faded);
        lastPracticeMs[t] = clockMs;
    }

    /** One session: 8 to 32 problems, in tasks; then a gap of about 20 h (at least 30 min). */
    void session() {
        if (progress.size() >= exercisesToStudy || clockMs >= endMs) {
            retired = true;
            return;
        }
        int budget = 8 + r.nextInt(25);
        while (budget > 0 && !retired && clockMs < endMs) {
            budget -= task();
        }
        clockMs += 30 * MINUTE + (long) (-Math.log(1 - r.nextDouble()) * 20 * HOUR);
    }

    /** One task; returns the problems answered. */
    private int task() {
        tasks++;
        List<Progress> due = dueCards();
        if (!due.isEmpty() && r.nextDouble() < TAKE_CHALLENGE_CHANCE) {
            return masteryChallenge(due);
        }
        return practiceTask();
    }

    /** Reviews due (most overdue first), then mastery cards available (longest waiting first). */
    private List<Progress> dueCards() {
        List<Progress> reviews = new ArrayList<>();
        List<Progress> mastery = new ArrayList<>();
        for (Progress p : progress.values()) {
            if (p.level == Level.MASTERED && p.reviewDueMs <= clockMs) {
                reviews.add(p);
            } else if ((p.level == Level.PRACTICED || p.level == Level.LEVEL_TWO)
                    && clockMs >= p.lastPromotionMs + MASTERY_GATE_MS) {
                mastery.add(p);
            }
        }
        reviews.sort(Comparator.comparingLong(p -> p.reviewDueMs));
        mastery.sort(Comparator.comparingLong(p -> p.lastPromotionMs));
        reviews.addAll(mastery);
        return reviews;
    }

    private int masteryChallenge(List<Progress> due) {
        String task = taskId("challenge");
        int n = 0;
        for (Progress p : due.subList(0, Math.min(CHALLENGE_SIZE, due.size()))) {
            boolean review = p.level == Level.MASTERED;
            boolean right = answer(p, review ? CardType.REVIEW : CardType.MASTERY, task);
            n++;
            if (review) {
                if (right) {
                    p.reviewIntervalMs = Math.min(MAX_REVIEW_MS, p.reviewIntervalMs * 2);
                    p.reviewDueMs = clockMs + p.reviewIntervalMs;
                } else {
                    p.level = Level.LEVEL_TWO;
                    p.lastPromotionMs = clockMs;
                }
            } else if (right) {
                promote(p, p.level == Level.PRACTICED ? Level.LEVEL_TWO : Level.MASTERED);
            } else if (p.level == Level.LEVEL_TWO) {
                p.level = Level.PRACTICED;
                p.lastPromotionMs = clockMs;
            }
        }
        if (n < CHALLENGE_SIZE) {
            SimExercise next = nextNew();
            if (next != null && !progress.containsKey(next.name())
                    && probability(next, next.problemTypes().get(0)) >= CHALLENGE_CARD_P) {
                Progress p = track(next);
                if (answer(p, CardType.CHALLENGE, task)) {
                    promote(p, Level.MASTERED);
                }
                n++;
            }
        }
        if (n < CHALLENGE_SIZE && r.nextDouble() < ANALYTICS_CHANCE) {
            Curriculum.Topic t = curriculum.topics().get(r.nextInt(curriculum.topics().size()));
            answer(track(t.exercises().get(r.nextInt(t.exercises().size()))), CardType.ANALYTICS, task);
            n++;
        }
        return n;
    }

    private int practiceTask() {
        SimExercise e = nextNew();
        if (e == null) {
            retired = true; // studied the whole curriculum
            return 0;
        }
        Progress p = track(e);
        String task = taskId("practice");
        if (r.nextDouble() < TUTORIAL_CHANCE) {
            int problems = 3 + r.nextInt(4);
            for (int i = 0; i < problems; i++) {
                answer(p, CardType.TUTORIAL, task);
            }
            return problems;
        }
        int streak = 0;
        int n = 0;
        while (n < MAX_PRACTICE_PROBLEMS) {
            boolean right = answer(p, CardType.PRACTICE, task);
            n++;
            streak = right ? streak + 1 : 0;
            if (streak >= PRACTICE_STREAK) {
                promote(p, Level.PRACTICED);
                break;
            }
        }
        return n;
    }

    /** The first exercise of the current topic not yet practised; another topic when it has none. */
    private SimExercise nextNew() {
        for (int tries = 0; tries <= curriculum.topics().size(); tries++) {
            for (SimExercise e : curriculum.topics().get(topic).exercises()) {
                Progress p = progress.get(e.name());
                if (p == null || p.level == Level.NEW) {
                    return e;
                }
            }
            topic = tries == 0 ? r.nextInt(curriculum.topics().size()) : (topic + 1) % curriculum.topics().size();
        }
        return null;
    }

    private Progress track(SimExercise e) {
        return progress.computeIfAbsent(e.name(), k -> new Progress(e));
    }

    private void promote(Progress p, Level to) {
        p.level = to;
        p.lastPromotionMs = clockMs;
        if (to == Level.MASTERED) {
            p.reviewIntervalMs = FIRST_REVIEW_MS;
            p.reviewDueMs = clockMs + FIRST_REVIEW_MS;
        }
    }

    /** Answers one problem: draws right or wrong, hints, attempts and time taken; learns; queues it. */
    private boolean answer(Progress p, CardType card, String task) {
        SimExercise e = p.exercise;
        ProblemType type = e.problemTypes().get(r.nextInt(e.problemTypes().size()));
        boolean right = r.nextDouble() < probability(e, type);
        int hints = right ? 0 : (r.nextDouble() < 0.4 ? 1 + r.nextInt(3) : 0);
        int attempts = right ? 1 : 2 + r.nextInt(3);
        // About 20 s a problem, log-normal, 2 s to 10 min.
        long taken = Math.max(2_000, Math.min(600_000, (long) Math.exp(Math.log(20_000) + 0.6 * r.nextGaussian())));
        clockMs += taken + 3_000;
        learn(e.topic(), right);
        p.done++;
        answers++;
        ProblemLog log = new ProblemLog(id + "-" + answers, id, e.name(), type.name(), (int) Math.min(Integer.MAX_VALUE, p.done),
                right, clockMs, taken, hints, attempts, card, task);
        pending.add(new SourcedAnswer(log, p.done));
        return right;
    }

    private String taskId(String kind) {
        return id + "-" + kind + "-" + tasks;
    }
}
