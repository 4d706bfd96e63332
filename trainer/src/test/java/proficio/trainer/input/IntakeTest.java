package proficio.trainer.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.ProblemLog;
import proficio.model.event.ProblemLogValidator;
import proficio.proto.files.MalformedRecordException;
import proficio.trainer.Progress;

class IntakeTest {

    @TempDir
    Path dir;

    record Seen(ProblemLog log, boolean holdOut) {
    }

    @Test
    void invalidEvents_areCountedByFieldWithTheirOrigin_andNotReplayed() {
        List<Seen> seen = new ArrayList<>();
        Intake intake = new Intake(new ProblemLogValidator(3_600_000), Shard.ALL, (l, h) -> seen.add(new Seen(l, h)));

        intake.offer(ProblemLog.practice("e1", "s1", "add", "", true, 1000), "s1", 1000, () -> "a:2", false);
        intake.offer(ProblemLog.practice("e2", "s1", "add", "", true, 1000), "s2", 1000, () -> "a:3", false);
        intake.offer(ProblemLog.practice("e3", "s1", " ", "", true, 1000), "s1", 1000, () -> "a:4", false);
        intake.offer(ProblemLog.practice("e4", "s1", "add", "", true, 10_000_000), "s1", 1000, () -> "a:5", true);
        intake.undecodable(() -> "problem-logs-0@7", "garbage");

        Intake.Stats s = intake.stats();
        assertThat(seen).extracting(x -> x.log().eventId()).containsExactly("e1");
        assertThat(s.read()).isEqualTo(5);
        assertThat(s.accepted()).isEqualTo(1);
        assertThat(s.invalidByField()).containsEntry("student_id", 1L).containsEntry("exercise", 1L)
                .containsEntry("time_done", 1L);
        assertThat(s.undecodable()).isEqualTo(1);
        assertThat(s.refused()).isEqualTo(4);
        assertThat(s.examples()).anySatisfy(e -> assertThat(e).startsWith("a:3: student_id"))
                .anySatisfy(e -> assertThat(e).contains("problem-logs-0@7", "garbage"));
    }

    @Test
    void fileSource_ofAWorker_replaysOnlyItsStudentsAndCountsTheOthers() throws Exception {
        StringBuilder sb = new StringBuilder("user_id\titem_id\ttimestamp\tcorrect\tskill_id\n");
        for (int s = 0; s < 60; s++) {
            sb.append("student-").append(s).append("\t1\t0\t1\t7\n");
        }
        Path f = Files.writeString(dir.resolve("all.tsv"), sb);
        List<ProblemLog> mine = new ArrayList<>();
        Shard shard = new Shard(1, 3);
        Intake intake = new Intake(new ProblemLogValidator(0), shard, (l, h) -> mine.add(l));

        new FileEventSource(List.of(f), null, "", false).read(intake, Progress.Factory.NONE);

        assertThat(mine).isNotEmpty().allMatch(l -> shard.ownsStudent(l.studentId()));
        assertThat(intake.stats().otherWorkers() + mine.size()).isEqualTo(60);
        // Times count every record of the file, not only this worker's: the same as a single worker's.
        assertThat(mine.get(0).timeDoneMs()).isEqualTo(
                java.time.Instant.parse("2009-09-01T00:00:00Z").toEpochMilli()
                        + 1000L * Integer.parseInt(mine.get(0).studentId().substring(8)));
    }

    @Test
    void shards_splitStudentsAndPartitionsWithoutOverlap() {
        for (int s = 0; s < 200; s++) {
            String id = "u" + s;
            int owners = 0;
            for (int w = 0; w < 4; w++) {
                owners += new Shard(w, 4).ownsStudent(id) ? 1 : 0;
            }
            assertThat(owners).isEqualTo(1);
        }
        assertThat(new Shard(1, 2).ownsPartition(3)).isTrue();
        assertThat(new Shard(0, 2).ownsPartition(3)).isFalse();
        assertThat(Shard.stableHash("abc")).isEqualTo(0xe71fa2190541574bL); // FNV-1a 64 of "abc"
        assertThatThrownBy(() -> new Shard(2, 2)).hasMessageContaining("worker index");
    }

    @Test
    void fileSource_givesEventsInFileOrder_flagsHoldOut_andSkipsRecordsBreakingTheRules() throws Exception {
        Path train = Files.writeString(dir.resolve("train.tsv"),
                "user_id\titem_id\ttimestamp\tcorrect\tskill_id\n1\t10\t0\t1\t7\n \t11\t0\t0\t7\n1\t12\t0\t0\t8\n");
        Path test = Files.writeString(dir.resolve("test.tsv"), "user_id\titem_id\ttimestamp\tcorrect\tskill_id\n2\t10\t0\t1\t7\n");
        List<Seen> seen = new ArrayList<>();
        Intake intake = new Intake(new ProblemLogValidator(0), Shard.ALL, (l, h) -> seen.add(new Seen(l, h)));

        EventSources.concat(List.of(new FileEventSource(List.of(train), null, "", false),
                new FileEventSource(List.of(test), null, "", true))).read(intake, Progress.Factory.NONE);

        assertThat(seen).extracting(x -> x.log().problemType()).containsExactly("10", "12", "10");
        assertThat(seen).extracting(Seen::holdOut).containsExactly(false, false, true);
        assertThat(intake.stats().examples()).containsExactly("train.tsv:3: student_id: missing or blank");
    }

    @Test
    void fileSource_aLineThatIsNoRecord_stopsWithFileAndLine() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.tsv"),
                "user_id\titem_id\ttimestamp\tcorrect\tskill_id\n1\t10\t0\t1\t7\n1\t10\t0\tmaybe\t7\n");
        Intake intake = new Intake(new ProblemLogValidator(0), Shard.ALL, (l, h) -> { });

        assertThatThrownBy(() -> new FileEventSource(List.of(f), null, "", false).read(intake, Progress.Factory.NONE))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("bad.tsv, line 3")
                .hasMessageContaining("correct must be 1 or 0");
    }

    @Test
    void fileSource_aBinaryFile_isBadInputNamingTheFile() throws Exception {
        Path f = Files.write(dir.resolve("model.pb"), new byte[] {10, (byte) 0xff, (byte) 0xfe, 0, 1, 2, 10});
        Intake intake = new Intake(new ProblemLogValidator(0), Shard.ALL, (l, h) -> { });

        assertThatThrownBy(() -> new FileEventSource(List.of(f), proficio.proto.files.FileFormat.JSONL, "", false)
                .read(intake, Progress.Factory.NONE))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("model.pb")
                .hasMessageContaining("not UTF-8");
    }
}
