package proficio.service.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import proficio.model.quality.QualityFigures;
import proficio.model.quality.QualityKey;
import proficio.model.state.KnowledgeState;
import proficio.model.state.StudentSequence;
import proficio.service.config.ProficioConfig;
import proficio.service.streams.StreamsRuntime;
import proficio.store.ExerciseKey;
import proficio.store.QualityReader;
import proficio.store.Schemas;
import proficio.store.StoredExercise;
import proficio.store.StudentStateReader;
import proficio.store.TransitionKey;
import proficio.store.TransitionReader;

/**
 * Reads one student's state through Kafka Streams interactive queries: finds the partition that
 * owns the student, and answers from that partition's stores when it is active here. Waits a
 * bounded time for stores that are not queryable yet (start, restore, rebalance), then gives up
 * with a reason, never spinning forever. Also reads what every partition holds (the quality
 * figures): each partition active here, and names the instances that hold the others.
 */
@ApplicationScoped
public class StudentStateQuery {

    private static final long RETRY_SLEEP_MS = 25;

    private final StreamsRuntime runtime;
    private final Duration readyTimeout;

    @Inject
    public StudentStateQuery(StreamsRuntime runtime, ProficioConfig config) {
        this.runtime = runtime;
        this.readyTimeout = config.query().readyTimeout();
    }

    /** Runs {@code read} against the stores of {@code studentId}'s partition. */
    public <T> QueryResult<T> read(String studentId, Function<StudentStateReader, T> read) {
        return query(studentId, StudentStateQuery::reader, read, readyTimeout);
    }

    /**
     * As {@link #read}, but never waits: stores that are not queryable at this moment give
     * {@link QueryResult.Unavailable} at once. For a caller that must not block (an event loop), which
     * then hands the call to a thread that may wait.
     */
    public <T> QueryResult<T> readNow(String studentId, Function<StudentStateReader, T> read) {
        return query(studentId, StudentStateQuery::reader, read, Duration.ZERO);
    }

    /** Runs {@code read} against the {@code transitions} store of {@code studentId}'s partition. */
    public <T> QueryResult<T> readTransitions(String studentId, Function<TransitionReader, T> read) {
        return query(studentId, StudentStateQuery::transitionReader, read, readyTimeout);
    }

    /**
     * What this instance read, from each partition active here, and the other instances (host:port)
     * whose active partitions make up the rest.
     */
    public record Scattered<T>(List<T> local, List<Integer> partitions, List<String> others) {
    }

    /**
     * Runs {@code read} against the {@code quality} store of every partition active here, and names
     * the other instances that hold the rest. Only while Kafka Streams is RUNNING (every partition
     * then has an active owner); during a rebalance or restore it waits, bounded, then gives up.
     */
    public <T> QueryResult<Scattered<T>> readQualityEverywhere(Function<QualityReader, T> read) {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        String lastProblem = "Kafka Streams has not started";
        while (true) {
            KafkaStreams streams = runtime.streams();
            if (streams != null) {
                KafkaStreams.State state = streams.state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                        || state == KafkaStreams.State.PENDING_SHUTDOWN || state == KafkaStreams.State.PENDING_ERROR) {
                    return new QueryResult.Unavailable<>("Kafka Streams is " + state);
                }
                if (state != KafkaStreams.State.RUNNING) {
                    lastProblem = "Kafka Streams is " + state + ": partitions are moving";
                } else {
                    try {
                        return new QueryResult.Local<>(scatter(streams, read));
                    } catch (InvalidStateStoreException e) {
                        lastProblem = "a quality store is not queryable yet: " + e.getMessage();
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                return new QueryResult.Unavailable<>(lastProblem + " (waited " + readyTimeout.toMillis() + " ms)");
            }
            sleep();
        }
    }

    private <T> Scattered<T> scatter(KafkaStreams streams, Function<QualityReader, T> read) {
        Collection<StreamsMetadata> all = streams.streamsMetadataForStore(Schemas.QUALITY_STORE);
        TreeSet<Integer> here = new TreeSet<>();
        List<String> others = new ArrayList<>();
        for (StreamsMetadata md : all) {
            if (isThisInstance(md.hostInfo())) {
                md.topicPartitions().stream().filter(tp -> tp.topic().equals(Schemas.Topics.PROBLEM_LOGS))
                        .map(TopicPartition::partition).forEach(here::add);
            } else if (!md.topicPartitions().isEmpty()) {
                others.add(md.hostInfo().host() + ":" + md.hostInfo().port());
            }
        }
        List<T> local = new ArrayList<>(here.size());
        for (int partition : here) {
            local.add(read.apply(new QualityReader(streams.store(StoreQueryParameters
                    .fromNameAndType(Schemas.QUALITY_STORE, QueryableStoreTypes.<QualityKey, QualityFigures>keyValueStore())
                    .withPartition(partition)))));
        }
        return new Scattered<>(local, List.copyOf(here), others);
    }

    private <R, T> QueryResult<T> query(String studentId, BiFunction<KafkaStreams, Integer, R> open,
                                        Function<R, T> read, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        String lastProblem = "Kafka Streams has not started";
        while (true) {
            KafkaStreams streams = runtime.streams();
            if (streams != null) {
                KafkaStreams.State state = streams.state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                        || state == KafkaStreams.State.PENDING_SHUTDOWN || state == KafkaStreams.State.PENDING_ERROR) {
                    return new QueryResult.Unavailable<>("Kafka Streams is " + state);
                }
                KeyQueryMetadata md = streams.queryMetadataForKey(Schemas.KNOWLEDGE_STORE, studentId,
                        Schemas.STUDENT_ID.serializer());
                if (md == null || md == KeyQueryMetadata.NOT_AVAILABLE) {
                    lastProblem = "no instance owns the student's partition yet (Kafka Streams is " + state + ")";
                } else if (!isThisInstance(md.activeHost())) {
                    return new QueryResult.Remote<>(md.activeHost().host(), md.activeHost().port());
                } else {
                    try {
                        return new QueryResult.Local<>(read.apply(open.apply(streams, md.partition())));
                    } catch (InvalidStateStoreException e) {
                        lastProblem = "the stores of partition " + md.partition() + " are not queryable yet: " + e.getMessage();
                    }
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return new QueryResult.Unavailable<>(lastProblem + " (waited " + wait.toMillis() + " ms)");
            }
            sleep();
        }
    }

    /** Host and port both: two instances on one machine differ only in port. */
    private boolean isThisInstance(HostInfo host) {
        return (host.host() + ":" + host.port()).equals(runtime.advertisedAddress());
    }

    private static StudentStateReader reader(KafkaStreams streams, Integer partition) {
        ReadOnlyKeyValueStore<String, KnowledgeState> knowledge = streams.store(StoreQueryParameters
                .fromNameAndType(Schemas.KNOWLEDGE_STORE, QueryableStoreTypes.<String, KnowledgeState>keyValueStore())
                .withPartition(partition));
        ReadOnlyKeyValueStore<String, StudentSequence> sequence = streams.store(StoreQueryParameters
                .fromNameAndType(Schemas.SEQUENCE_STORE, QueryableStoreTypes.<String, StudentSequence>keyValueStore())
                .withPartition(partition));
        ReadOnlyKeyValueStore<ExerciseKey, StoredExercise> exercises = streams.store(StoreQueryParameters
                .fromNameAndType(Schemas.EXERCISE_STORE, QueryableStoreTypes.<ExerciseKey, StoredExercise>keyValueStore())
                .withPartition(partition));
        return new StudentStateReader(knowledge, sequence, exercises);
    }

    private static TransitionReader transitionReader(KafkaStreams streams, Integer partition) {
        return new TransitionReader(streams.store(StoreQueryParameters
                .fromNameAndType(Schemas.TRANSITIONS_STORE, QueryableStoreTypes.<TransitionKey, byte[]>keyValueStore())
                .withPartition(partition)));
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_SLEEP_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stores", e);
        }
    }
}
