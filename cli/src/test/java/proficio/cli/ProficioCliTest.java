package proficio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;

/** Option parsing and validation; nothing here talks to a service or a broker. */
class ProficioCliTest {

    @Test
    void helpListsEveryCommand() {
        CliRun r = CliRun.run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("send", "send-file", "predict", "state", "model", "health", "dlq");
    }

    @Test
    void subcommandHelpPrintsUsageWithoutRequiredOptions() {
        CliRun r = CliRun.run("send", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: proficio send", "--correct", "--wrong", "--no-wait");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.run();

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing a command");
    }

    @Test
    void sendWithoutCorrectOrWrongFailsWithAUsageError() {
        CliRun r = CliRun.run("send", "--student", "s1", "--exercise", "e1", "--no-wait");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required argument", "--correct", "--wrong");
    }

    @Test
    void sendWithBothCorrectAndWrongFailsWithAUsageError() {
        CliRun r = CliRun.run("send", "--student", "s1", "--exercise", "e1", "--correct", "--wrong", "--no-wait");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("mutually exclusive");
    }

    @Test
    void sendWithoutStudentFailsWithAUsageError() {
        CliRun r = CliRun.run("send", "--exercise", "e1", "--correct");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--student");
    }

    @Test
    void sendRejectsATimeThatIsNotIso8601() {
        CliRun r = CliRun.run("send", "--student", "s1", "--exercise", "e1", "--correct", "--time", "yesterday");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--time", "ISO-8601");
    }

    @Test
    void sendRejectsAnUnknownCardType() {
        CliRun r = CliRun.run("send", "--student", "s1", "--exercise", "e1", "--correct", "--card-type", "QUIZ");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--card-type");
    }

    @Test
    void sendRejectsABlankStudentBeforeContactingKafka() {
        CliRun r = CliRun.run("--bootstrap", "127.0.0.1:1", "send", "--student", " ", "--exercise", "e1", "--correct",
                "--no-wait");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--student", "student_id missing or blank");
    }

    @Test
    void sendBuildsTheProblemLogFromItsOptions() {
        CommandLine cmd = ProficioCli.commandLine();
        cmd.parseArgs("send", "--student", "s1", "--exercise", "addition_1", "--wrong", "--problem-type", "t3",
                "--time", "2024-05-01T10:15:30Z", "--event-id", "ev-1", "--card-type", "mastery",
                "--time-taken-ms", "1500", "--hints", "2");
        SendCommand send = cmd.getSubcommands().get("send").getCommand();

        ProblemLog log = send.buildLog();

        assertThat(log.eventId()).isEqualTo("ev-1");
        assertThat(log.studentId()).isEqualTo("s1");
        assertThat(log.exercise()).isEqualTo("addition_1");
        assertThat(log.problemType()).isEqualTo("t3");
        assertThat(log.correct()).isFalse();
        assertThat(log.timeDoneMs()).isEqualTo(Instant.parse("2024-05-01T10:15:30Z").toEpochMilli());
        assertThat(log.cardType()).isEqualTo(CardType.MASTERY);
        assertThat(log.timeTakenMs()).isEqualTo(1500);
        assertThat(log.hintCount()).isEqualTo(2);
    }

    @Test
    void sendDefaultsToNowAndARandomUuidEventId() {
        CommandLine cmd = ProficioCli.commandLine();
        cmd.parseArgs("send", "--student", "s1", "--exercise", "e", "--correct");
        SendCommand send = cmd.getSubcommands().get("send").getCommand();
        long before = System.currentTimeMillis();

        ProblemLog a = send.buildLog();
        ProblemLog b = send.buildLog();

        assertThat(a.correct()).isTrue();
        assertThat(a.timeDoneMs()).isBetween(before - 60_000, System.currentTimeMillis());
        assertThat(a.eventId()).matches("[0-9a-f-]{36}").isNotEqualTo(b.eventId());
        assertThat(a.cardType()).isEqualTo(CardType.PRACTICE);
    }

    @Test
    void globalOptionsWorkBeforeOrAfterTheCommand() {
        CommandLine before = ProficioCli.commandLine();
        before.parseArgs("--json", "--target", "h1:1", "--bootstrap", "k1:2", "model");
        CommandLine after = ProficioCli.commandLine();
        after.parseArgs("model", "--json", "--target", "h2:3", "--bootstrap", "k2:4");
        CommandLine neither = ProficioCli.commandLine();
        neither.parseArgs("model");

        ProficioCli b = before.getCommand();
        ProficioCli a = after.getCommand();
        ProficioCli n = neither.getCommand();
        assertThat(b.json()).isTrue();
        assertThat(b.target()).isEqualTo("h1:1");
        assertThat(b.bootstrap()).isEqualTo("k1:2");
        assertThat(a.json()).isTrue();
        assertThat(a.target()).isEqualTo("h2:3");
        assertThat(a.bootstrap()).isEqualTo("k2:4");
        assertThat(n.json()).isFalse();
        assertThat(n.target()).isEqualTo("localhost:9000");
        assertThat(n.bootstrap()).isEqualTo("localhost:9092");
    }

    @Test
    void predictNeedsExercisesOrAllButNotBoth() {
        assertThat(CliRun.run("predict", "--student", "s1").exitCode()).isEqualTo(2);
        CliRun both = CliRun.run("predict", "--student", "s1", "--exercise", "e", "--all");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void sendFileRejectsAnUnknownFormat() {
        CliRun r = CliRun.run("send-file", "x.csv", "--format", "xml");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--format", "unknown format 'xml'");
    }

    @Test
    void topicNamesAreTheStateStoresOnes() {
        assertThat(Topics.PROBLEM_LOGS).isEqualTo(proficio.store.Schemas.Topics.PROBLEM_LOGS);
        assertThat(Topics.PROBLEM_LOGS_DLQ).isEqualTo(proficio.store.Schemas.Topics.PROBLEM_LOGS_DLQ);
    }
}
