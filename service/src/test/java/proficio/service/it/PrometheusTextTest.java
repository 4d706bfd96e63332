package proficio.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict Prometheus text reader MetricsIT scrapes with; no service needed. */
class PrometheusTextTest {

    @Test
    void readsTypesSamplesLabelsAndSpecialValues() {
        PrometheusText t = PrometheusText.parse("""
                # HELP requests_total Requests served
                # TYPE requests_total counter
                requests_total{method="Predict",status="OK"} 3.0
                requests_total{method="Predict",status="INVALID_ARGUMENT",} 1.0 1700000000000
                # TYPE latency_seconds histogram
                latency_seconds_bucket{le="0.001"} 2.0
                latency_seconds_bucket{le="+Inf"} 4.0
                latency_seconds_count 4.0
                latency_seconds_sum 0.25
                # a free comment
                lag{client_id="a \\"quoted\\" \\\\ path\\nnext"} NaN
                temperature -Inf

                """);
        assertThat(t.type("requests_total")).isEqualTo("counter");
        assertThat(t.type("latency_seconds")).isEqualTo("histogram");
        assertThat(t.value("requests_total", "status", "OK")).isEqualTo(3.0);
        assertThat(t.sum("requests_total", "method", "Predict")).isEqualTo(4.0);
        assertThat(t.sum("requests_total", "method", "Rank")).isZero();
        assertThat(t.value("latency_seconds_bucket", "le", "+Inf")).isEqualTo(4.0);
        assertThat(t.find("lag").get(0).labels()).isEqualTo(Map.of("client_id", "a \"quoted\" \\ path\nnext"));
        assertThat(t.value("lag")).isNaN();
        assertThat(t.value("temperature")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(t.samples()).hasSize(8);
    }

    @Test
    void malformedInput_failsNamingTheLineAndTheReason() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbad-name 1\n"))
                .hasMessage("line 2: bad metric name 'bad-name'");
        assertThatThrownBy(() -> PrometheusText.parse("m{a=\"1\" 2\n")).hasMessageContaining("line 1: expected ',' or '}'");
        assertThatThrownBy(() -> PrometheusText.parse("m{a=1} 2\n")).hasMessage("line 1: label a: value not quoted");
        assertThatThrownBy(() -> PrometheusText.parse("m{a=\"x\\q\"} 2\n")).hasMessage("line 1: label a: unknown escape \\q");
        assertThatThrownBy(() -> PrometheusText.parse("m{a=\"1\",a=\"2\"} 2\n")).hasMessage("line 1: label a given twice");
        assertThatThrownBy(() -> PrometheusText.parse("m twelve\n")).hasMessage("line 1: value 'twelve' is not a number");
        assertThatThrownBy(() -> PrometheusText.parse("m 1 soon\n")).hasMessage("line 1: timestamp 'soon' is not an integer");
        assertThatThrownBy(() -> PrometheusText.parse("m\n")).hasMessage("line 1: expected a space before the value");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE m meter\n")).hasMessage("line 1: unknown type 'meter' for m");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE m gauge\n# TYPE m gauge\n"))
                .hasMessage("line 2: a second TYPE line for m");
        assertThatThrownBy(() -> PrometheusText.parse("m_total 1\n# TYPE m_total counter\n"))
                .hasMessage("line 2: TYPE line for m_total after its samples");
        assertThatThrownBy(() -> PrometheusText.parse("m{a=\"1\"} 1\nm{a=\"1\"} 2\n")).hasMessage("line 2: sample m{a=1} repeated");
    }
}
