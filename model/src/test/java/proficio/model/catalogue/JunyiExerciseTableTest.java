package proficio.model.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A few hand-written rows in the Junyi table's format, with the flaws the real table has. */
class JunyiExerciseTableTest {

    static final String HEADER = "name,live,prerequisites,h_position,v_position,creation_date,"
            + "seconds_per_fast_problem,pretty_display_name,short_display_name,topic,area";

    static final String TABLE = "\uFEFF" + HEADER + "\n"
            + "counting,TRUE,,1,1,2012-10-11 17:55:24.8056 UTC,5,數數,數數,addition-subtraction,arithmetic\n"
            + "addition_1,TRUE,counting,2,1,2012-10-11 17:55:24.8056 UTC,5,\"加法, 一\",加法,addition-subtraction,arithmetic\n"
            + "angle_types,TRUE,\"counting,addition_1\",25,-19,2012-10-11 UTC,4,角的種類,角的種類,segments-and-angles,analytic-geometry\n"
            + "old_one,FALSE,counting,3,3,2012-10-11 UTC,10,x,x,N/A,N/A\n"
            + "uses_old,TRUE,\"old_one,counting,counting\",4,4,2012-10-11 UTC,10,x,x,addition-subtraction,arithmetic\n"
            + "selfish,TRUE,selfish,5,5,2012-10-11 UTC,10,x,x,addition-subtraction,arithmetic\n"
            + "counting,TRUE,,1,1,2014-06-20 UTC,5,數數,數數,addition-subtraction,arithmetic\n"
            + "cyc_a,TRUE,cyc_c,6,6,2012-10-11 UTC,1,x,x,loops,algebra\n"
            + "cyc_b,TRUE,cyc_a,6,6,2012-10-11 UTC,1,x,x,loops,algebra\n"
            + "cyc_c,TRUE,cyc_b,6,6,2012-10-11 UTC,1,x,x,loops,algebra\n"
            + "\"quoted \"\"name\"\"\",TRUE,,7,7,2012-10-11 UTC,1,x,x,loops,algebra\n";

    @TempDir
    Path dir;

    Path write(String text) throws IOException {
        Path file = dir.resolve("junyi_Exercise_table.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void liveOnly_importsLiveRows_withTopicAsMission_andRepairsWithNotes() throws IOException {
        JunyiExerciseTable.Import imported = JunyiExerciseTable.read(write(TABLE), true);
        ExerciseCatalogue c = imported.catalogue();

        assertThat(imported.rows()).isEqualTo(11);
        assertThat(c.exercises()).extracting(Exercise::name).containsExactly("counting", "addition_1", "angle_types",
                "uses_old", "selfish", "cyc_a", "cyc_b", "cyc_c", "quoted \"name\"");
        assertThat(c.find("addition_1").orElseThrow())
                .isEqualTo(new Exercise("addition_1", "addition-subtraction", List.of(), List.of("counting"), List.of()));
        assertThat(c.find("angle_types").orElseThrow().prerequisites()).containsExactly("counting", "addition_1");
        assertThat(c.find("angle_types").orElseThrow().mission()).isEqualTo("segments-and-angles");
        assertThat(c.find("uses_old").orElseThrow().prerequisites()).containsExactly("counting");
        assertThat(c.find("selfish").orElseThrow().prerequisites()).isEmpty();
        // the cycle a <- c <- b <- a is broken at the edge that closes it, in file order
        assertThat(c.find("cyc_a").orElseThrow().prerequisites()).containsExactly("cyc_c");
        assertThat(c.find("cyc_c").orElseThrow().prerequisites()).containsExactly("cyc_b");
        assertThat(c.find("cyc_b").orElseThrow().prerequisites()).isEmpty();
        assertThat(c.coveredBy("counting")).isEmpty();

        assertThat(imported.notes()).containsExactly(
                "junyi_Exercise_table.csv:8: 'counting' repeats line 2; kept line 2",
                "junyi_Exercise_table.csv:6: prerequisite 'old_one' of 'uses_old' is not live; dropped",
                "junyi_Exercise_table.csv:6: 'uses_old' lists prerequisite 'counting' twice; kept once",
                "junyi_Exercise_table.csv:7: 'selfish' lists itself as a prerequisite; dropped",
                "junyi_Exercise_table.csv:10: prerequisite cycle cyc_a -> cyc_c -> cyc_b -> cyc_a; "
                        + "dropped prerequisite 'cyc_a' of 'cyc_b'");
    }

    @Test
    void allRows_keepNotLiveExercises_andMapNaTopicToNoMission() throws IOException {
        ExerciseCatalogue c = JunyiExerciseTable.read(write(TABLE), false).catalogue();
        assertThat(c.find("old_one").orElseThrow().mission()).isEmpty();
        assertThat(c.find("uses_old").orElseThrow().prerequisites()).containsExactly("old_one", "counting");
        assertThat(c.size()).isEqualTo(10);
    }

    @Test
    void imported_canBeWrittenInProficiosFormatAndReadBack() throws IOException {
        ExerciseCatalogue c = JunyiExerciseTable.read(write(TABLE), true).catalogue();
        Path out = dir.resolve("catalogue.txt");
        CatalogueFile.write(c, out);
        assertThat(CatalogueFile.read(out)).isEqualTo(c);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            missing column            ; name,live,topic\\na,TRUE,t                      ; 1 ; no column 'prerequisites' in the header
            wrong field count         ; name,live,prerequisites,topic\\na,TRUE,,t,extra ; 2 ; 5 fields; the header has 4
            bad live value            ; name,live,prerequisites,topic\\na,yes,,t        ; 2 ; live is 'yes'; expected TRUE or FALSE
            unclosed quote            ; name,live,prerequisites,topic\\na,TRUE,"b,t     ; 2 ; a quoted field is not closed
            text after a quote        ; name,live,prerequisites,topic\\na,TRUE,"b"c,t   ; 2 ; text after a closing quote in field 3
            empty name                ; name,live,prerequisites,topic\\n,TRUE,,t        ; 2 ; name is blank
            empty file                ; ''                                            ; 0 ; empty file
            """)
    void unreadableLine_stopsTheImportNamingFileLineAndProblem(String behaviour, String text, int line, String problem)
            throws IOException {
        Path file = write(text.replace("\\n", "\n"));
        assertThatThrownBy(() -> JunyiExerciseTable.read(file, true))
                .as(behaviour)
                .isInstanceOfSatisfying(CatalogueFormatException.class, e -> {
                    assertThat(e.source()).isEqualTo("junyi_Exercise_table.csv");
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.problem()).startsWith(problem);
                });
    }

    @Test
    void splitCsv_handlesQuotesAndEmptyFields() {
        assertThat(JunyiExerciseTable.splitCsv("f", 1, "a,\"b,c\",,\"d\"\"e\",")).containsExactly("a", "b,c", "", "d\"e", "");
        assertThat(JunyiExerciseTable.splitCsv("f", 1, "")).containsExactly("");
    }
}
