package proficio.model.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogueFileTest {

    @TempDir
    Path dir;

    static final String SAMPLE = """
            # a small catalogue
            proficio-catalogue 1
            # exercise | mission | problem types | prerequisites | covers
            addition_1 | arithmetic | one_digit, two_digit |  |

            addition_2 | arithmetic |  | addition_1 | addition_1
              # indented comment
            angle types | geometry
            subtraction_1 | arithmetic | | addition_1, angle types |
            """;

    @Test
    void read_parsesEveryColumn_skippingCommentsAndBlankLines() throws IOException {
        Path file = dir.resolve("catalogue.txt");
        Files.writeString(file, SAMPLE);

        ExerciseCatalogue c = CatalogueFile.read(file);

        assertThat(c.exercises()).containsExactly(
                new Exercise("addition_1", "arithmetic", List.of("one_digit", "two_digit"), List.of(), List.of()),
                new Exercise("addition_2", "arithmetic", List.of(), List.of("addition_1"), List.of("addition_1")),
                new Exercise("angle types", "geometry", List.of(), List.of(), List.of()),
                new Exercise("subtraction_1", "arithmetic", List.of(), List.of("addition_1", "angle types"), List.of()));
        assertThat(c.missions()).containsExactly("arithmetic", "geometry");
        assertThat(c.inMission("arithmetic")).extracting(Exercise::name)
                .containsExactly("addition_1", "addition_2", "subtraction_1");
        assertThat(c.coveredBy("addition_1")).containsExactly("addition_2");
        assertThat(c.coveredBy("addition_2")).isEmpty();
    }

    @Test
    void read_acceptsAByteOrderMark() throws IOException {
        Path file = dir.resolve("bom.txt");
        Files.writeString(file, "\uFEFFproficio-catalogue 1\na | m\n");
        assertThat(CatalogueFile.read(file).size()).isEqualTo(1);
    }

    @Test
    void writeThenRead_givesAnEqualCatalogue() throws IOException {
        ExerciseCatalogue c = CatalogueFile.read(new StringReader(SAMPLE), "sample");
        Path file = dir.resolve("round-trip.txt");
        CatalogueFile.write(c, file);
        assertThat(CatalogueFile.read(file)).isEqualTo(c);

        StringWriter text = new StringWriter();
        CatalogueFile.write(c, text);
        assertThat(text.toString()).startsWith("proficio-catalogue 1\n")
                .contains("addition_2 | arithmetic |  | addition_1 | addition_1\n")
                .contains("\nangle types | geometry\n"); // trailing empty fields left out
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            no header line                     ; a | m                                  ; 1 ; expected the header line 'proficio-catalogue 1'
            unsupported version                ; proficio-catalogue 2                   ; 1 ; catalogue format version '2' is not supported
            too many fields                    ; proficio-catalogue 1\\na | m | | | | x ; 2 ; 6 fields separated by '|'; at most 5
            empty exercise name                ; proficio-catalogue 1\\n | m            ; 2 ; exercise name is empty
            empty list item                    ; proficio-catalogue 1\\na | m | t1,,t2  ; 2 ; exercise 'a': problem types has an empty item
            item listed twice                  ; proficio-catalogue 1\\na | m | t1, t1  ; 2 ; exercise 'a': problemTypes lists 't1' twice
            exercise listed twice              ; proficio-catalogue 1\\na | m\\nb | m\\na | n ; 4 ; exercise 'a': listed twice (first on line 2)
            unknown prerequisite               ; proficio-catalogue 1\\na | m\\nb | m | | c ; 3 ; exercise 'b': prerequisite 'c' is not in the catalogue
            unknown covered exercise           ; proficio-catalogue 1\\na | m | | | zz    ; 2 ; exercise 'a': covered exercise 'zz' is not in the catalogue
            prerequisite of itself             ; proficio-catalogue 1\\na | m | | a      ; 2 ; exercise 'a': prerequisite 'a' is the exercise itself
            prerequisite cycle                 ; proficio-catalogue 1\\na | m | | c\\nb | m | | a\\nc | m | | b ; 3 ; exercise 'b': prerequisite cycle: a -> c -> b -> a
            covering cycle                     ; proficio-catalogue 1\\na | m | | | b\\nb | m | | | a ; 3 ; exercise 'b': covering cycle: a -> b -> a
            """)
    void badLine_isRefusedNamingFileLineAndProblem(String behaviour, String text, int line, String problem)
            throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, text.replace("\\n", "\n"));

        assertThatThrownBy(() -> CatalogueFile.read(file))
                .as(behaviour)
                .isInstanceOfSatisfying(CatalogueFormatException.class, e -> {
                    assertThat(e.source()).isEqualTo(file.toString());
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.problem()).startsWith(problem);
                    assertThat(e.getMessage()).startsWith(file + ":" + line + ": " + problem);
                });
    }

    @Test
    void nameWithAControlCharacter_isRefused() {
        assertThatThrownBy(() -> CatalogueFile.read(new StringReader("proficio-catalogue 1\na\u0007b | m\n"), "x"))
                .isInstanceOf(CatalogueFormatException.class)
                .hasMessage("x:2: exercise 'a\u0007b': name 'a\u0007b' contains a control character; "
                        + "names may not contain '|', ',' or control characters");
    }

    @Test
    void emptyFile_isRefused() throws IOException {
        Path file = dir.resolve("empty.txt");
        Files.writeString(file, "# nothing\n\n");
        assertThatThrownBy(() -> CatalogueFile.read(file)).isInstanceOf(CatalogueFormatException.class)
                .hasMessageContaining("no header line");
    }

    @Test
    void invalidUtf8_isRefusedNamingTheLine() throws IOException {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, "proficio-catalogue 1\na | caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CatalogueFile.read(file)).isInstanceOfSatisfying(CatalogueFormatException.class,
                e -> assertThat(e.problem()).isEqualTo("not valid UTF-8"));
    }
}
