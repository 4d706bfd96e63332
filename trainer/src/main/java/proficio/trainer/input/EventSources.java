package proficio.trainer.input;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import proficio.proto.files.MalformedRecordException;
import proficio.trainer.Progress;

/** Sources read one after the other, e.g. the training files, then the test file. */
public final class EventSources implements EventSource {

    private final List<EventSource> sources;

    private EventSources(List<EventSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public static EventSource concat(List<EventSource> sources) {
        return sources.size() == 1 ? sources.get(0) : new EventSources(sources);
    }

    @Override
    public String describe() {
        return sources.stream().map(EventSource::describe).collect(Collectors.joining("; "));
    }

    @Override
    public void read(Intake intake, Progress.Factory progress) throws IOException, MalformedRecordException {
        for (EventSource s : sources) {
            s.read(intake, progress);
        }
    }
}
