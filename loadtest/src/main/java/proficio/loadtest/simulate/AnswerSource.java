package proficio.loadtest.simulate;

import java.io.IOException;

/** A stream of answers to send, each student's in the order they happened. */
public interface AnswerSource extends AutoCloseable {

    /** @return the next answer, or null when there are no more */
    SourcedAnswer next() throws IOException;

    @Override
    default void close() throws IOException {
    }
}
