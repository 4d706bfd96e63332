package proficio.loadtest.mastery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerTimeTest {

    private static String metrics(double rankSum, double rankCount) {
        return metrics(rankSum, rankCount, 0);
    }

    private static String metrics(double rankSum, double rankCount, double rankWithin2ms) {
        return """
                # TYPE grpc_server_processing_duration_seconds histogram
                grpc_server_processing_duration_seconds_count{method="RankExercises",methodType="UNARY",service="proficio.v1.KnowledgeService",statusCode="OK"} %s
                grpc_server_processing_duration_seconds_sum{method="RankExercises",methodType="UNARY",service="proficio.v1.KnowledgeService",statusCode="OK"} %s
                grpc_server_processing_duration_seconds_count{method="RankExercises",methodType="UNARY",service="proficio.v1.KnowledgeService",statusCode="INVALID_ARGUMENT"} 7.0
                grpc_server_processing_duration_seconds_sum{method="RankExercises",methodType="UNARY",service="proficio.v1.KnowledgeService",statusCode="INVALID_ARGUMENT"} 100.0
                grpc_server_processing_duration_seconds_bucket{method="RankExercises",methodType="UNARY",service="proficio.v1.KnowledgeService",statusCode="OK",le="0.001"} 3.0
                grpc_server_processing_duration_seconds_bucket{method="RankExercises",methodType="UNARY",service="proficio.v1.KnowledgeService",statusCode="OK",le="0.002"} %s
                grpc_server_processing_duration_seconds_bucket{method="RankExercises",methodType="UNARY",service="proficio.v1.KnowledgeService",statusCode="INVALID_ARGUMENT",le="0.002"} 1.0
                """.formatted(rankCount, rankSum, rankWithin2ms);
    }

    @Test
    void meanOfTheCallsBetweenTwoScrapes_countsOkCallsOnly() {
        ServerTime before = ServerTime.parse(metrics(1.0, 100));
        ServerTime after = ServerTime.parse(metrics(1.5, 300));

        assertThat(after.minus(before).meanMs("RankExercises")).isEqualTo(2.5);
        assertThat(after.meanMs("RankExercises")).isEqualTo(5.0);
        assertThat(after.meanMs("Echo")).isNaN();
    }

    @Test
    void shareOfCallsOver2ms_fromThe2msBucket_betweenTwoScrapes() {
        ServerTime before = ServerTime.parse(metrics(1.0, 100, 90));
        ServerTime after = ServerTime.parse(metrics(1.5, 300, 288));

        // 200 calls in between, 198 of them within 2 ms
        assertThat(after.minus(before).percentOver2ms("RankExercises")).isEqualTo(1.0);
        assertThat(after.percentOver2ms("RankExercises")).isEqualTo(4.0);
        assertThat(after.percentOver2ms("Echo")).isNaN();
    }
}
