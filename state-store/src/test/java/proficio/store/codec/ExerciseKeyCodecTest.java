package proficio.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import proficio.store.ExerciseKey;

/** Keys of the {@code exercise} store: {@code varint(len(student)) student exercise}, prefix-scannable by student. */
class ExerciseKeyCodecTest {

    private static final String LONG_ID = "s".repeat(200); // a two-byte length varint

    private static final List<String> STUDENTS = List.of("", "a", "ab", "abc", "s1", "s10", "学生-42", "😀", "a\u0000b",
            "x".repeat(127), "x".repeat(128), LONG_ID);

    private static final List<String> EXERCISES = List.of("", "addition_1", "c", "cx", "x", "ünïcödé", "分数", "🧮 abacus",
            "\u0000", "\u0002ab", "e".repeat(300));

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Test
    void roundTrip_keepsStudentAndExercise_includingUnicodeAndEmptyExercise() {
        for (String s : STUDENTS) {
            for (String e : EXERCISES) {
                ExerciseKey key = new ExerciseKey(s, e);
                assertThat(ExerciseKeyCodec.decode(ExerciseKeyCodec.encode(key))).as("%s", key).isEqualTo(key);
            }
        }
    }

    @Test
    void encode_layoutIsLengthVarintThenUtf8StudentThenUtf8Exercise() {
        assertThat(HexFormat.of().formatHex(ExerciseKeyCodec.encode(new ExerciseKey("ab", "c")))).isEqualTo("02616263");
        assertThat(HexFormat.of().formatHex(ExerciseKeyCodec.encode(new ExerciseKey("é", "")))).isEqualTo("02c3a9");

        byte[] longKey = ExerciseKeyCodec.encode(new ExerciseKey(LONG_ID, "e"));
        assertThat(Arrays.copyOf(longKey, 2)).containsExactly(0xC8, 0x01); // 200 as a varint
        assertThat(longKey).hasSize(2 + 200 + 1);
    }

    @Test
    void encode_lengthCountsUtf8BytesNotChars() {
        byte[] key = ExerciseKeyCodec.encode(new ExerciseKey("😀", "e"));

        assertThat(key[0]).isEqualTo((byte) "😀".getBytes(StandardCharsets.UTF_8).length).isEqualTo((byte) 4);
    }

    @Test
    void studentPrefix_isAPrefixOfEveryKeyOfThatStudent() {
        for (String s : STUDENTS) {
            byte[] prefix = ExerciseKeyCodec.studentPrefix(s);
            for (String e : EXERCISES) {
                assertThat(startsWith(ExerciseKeyCodec.encode(new ExerciseKey(s, e)), prefix))
                        .as("prefix of '%s' on key (%s, %s)", s, s, e).isTrue();
            }
        }
    }

    @Test
    void studentPrefix_isNotAPrefixOfKeysOfAStudentWhoseIdExtendsIt() {
        for (String s : STUDENTS) {
            byte[] prefix = ExerciseKeyCodec.studentPrefix(s);
            for (String other : List.of(s + "x", s + "0", s + "学", s + s + "1", s + "\u0000")) {
                for (String e : EXERCISES) {
                    assertThat(startsWith(ExerciseKeyCodec.encode(new ExerciseKey(other, e)), prefix))
                            .as("prefix of '%s' on key (%s, %s)", s, other, e).isFalse();
                }
            }
        }
    }

    @Test
    void studentPrefix_isNotAPrefixOfAnyOtherStudentsKey() {
        for (String s : STUDENTS) {
            byte[] prefix = ExerciseKeyCodec.studentPrefix(s);
            for (String other : STUDENTS) {
                if (other.equals(s)) {
                    continue;
                }
                for (String e : EXERCISES) {
                    assertThat(startsWith(ExerciseKeyCodec.encode(new ExerciseKey(other, e)), prefix))
                            .as("prefix of '%s' on key (%s, %s)", s, other, e).isFalse();
                }
            }
        }
    }

    @Test
    void keysOfStudentAbInExerciseCx_andStudentAbcInExerciseX_differ() {
        // Plain concatenation would make these equal: "ab"+"cx" == "abc"+"x".
        byte[] a = ExerciseKeyCodec.encode(new ExerciseKey("ab", "cx"));
        byte[] b = ExerciseKeyCodec.encode(new ExerciseKey("abc", "x"));

        assertThat(a).isNotEqualTo(b);
        assertThat(ExerciseKeyCodec.decode(a)).isEqualTo(new ExerciseKey("ab", "cx"));
        assertThat(ExerciseKeyCodec.decode(b)).isEqualTo(new ExerciseKey("abc", "x"));
    }

    @Test
    void studentPrefix_equalsTheKeyWithEmptyExercise() {
        for (String s : STUDENTS) {
            assertThat(ExerciseKeyCodec.studentPrefix(s)).isEqualTo(ExerciseKeyCodec.encode(new ExerciseKey(s, "")));
        }
    }

    @Test
    void decode_refusesALengthPastTheEndOfTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExerciseKeyCodec.decode(new byte[] {10, 'a', 'b'}))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("student id of 10 bytes");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExerciseKeyCodec.decode(new byte[] {(byte) 0x80}))
                .isInstanceOf(CorruptStateException.class).hasMessageContaining("length");
    }
}
