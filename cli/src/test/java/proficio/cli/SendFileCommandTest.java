package proficio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failures send-file reports before it needs Kafka (the bootstrap address points nowhere: a
 * producer is only created once there is a valid record to send).
 */
class SendFileCommandTest {

    @TempDir
    Path dir;

    @Test
    void malformedFirstRecordExitsWithCode2NamingFileAndLine() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.tsv"), "user_id\titem_id\ttimestamp\tcorrect\tskill_id\n1\t2\t0\t7\t3\n");

        CliRun r = CliRun.run("--bootstrap", "127.0.0.1:1", "send-file", f.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad.tsv, line 2", "correct must be 1 or 0, was '7'", "0 records before it were sent");
    }

    @Test
    void badHeaderExitsWithCode2() throws Exception {
        Path f = Files.writeString(dir.resolve("h.csv"), "user_id,exercise\ns,e\n");

        CliRun r = CliRun.run("--bootstrap", "127.0.0.1:1", "send-file", "--format", "junyi-csv", f.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("h.csv, line 1", "time_done");
    }

    @Test
    void missingFileExitsWithCode2() {
        CliRun r = CliRun.run("--bootstrap", "127.0.0.1:1", "send-file", dir.resolve("nope.tsv").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no such file", "nope.tsv");
    }

    @Test
    void emptyFileOfJsonLinesSendsNothingAndSucceeds() throws Exception {
        Path f = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");

        CliRun r = CliRun.run("--bootstrap", "127.0.0.1:1", "--json", "send-file", f.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("\"records\": 0", "\"format\": \"jsonl\"");
    }
}
