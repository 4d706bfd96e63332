package proficio.service.streams;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Why a record went to {@code problem-logs-dlq}, written as headers beside its original key and
 * bytes so it can be inspected and replayed.
 *
 * @param reason a stable code: {@link #UNDECODABLE} or {@link #INVALID}
 * @param field  the field at fault, "" when the record could not be decoded at all
 * @param detail the reason in words
 */
public record DeadLetter(String reason, String field, String detail) {

    public static final String UNDECODABLE = "undecodable";
    public static final String INVALID = "invalid";

    public static final String HEADER_REASON = "proficio.dlq.reason";
    public static final String HEADER_FIELD = "proficio.dlq.field";
    public static final String HEADER_DETAIL = "proficio.dlq.detail";
    public static final String HEADER_TOPIC = "proficio.dlq.source.topic";
    public static final String HEADER_PARTITION = "proficio.dlq.source.partition";
    public static final String HEADER_OFFSET = "proficio.dlq.source.offset";

    /** The original headers plus ours, naming the reason and where the record came from. */
    public Headers headers(Headers original, RecordMetadata source) {
        Headers h = new RecordHeaders(original.toArray());
        put(h, HEADER_REASON, reason);
        put(h, HEADER_FIELD, field);
        put(h, HEADER_DETAIL, detail);
        put(h, HEADER_TOPIC, source.topic());
        put(h, HEADER_PARTITION, Integer.toString(source.partition()));
        put(h, HEADER_OFFSET, Long.toString(source.offset()));
        return h;
    }

    private static void put(Headers h, String key, String value) {
        h.remove(key);
        h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
