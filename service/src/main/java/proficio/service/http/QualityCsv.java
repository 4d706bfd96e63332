package proficio.service.http;

import java.util.List;
import proficio.proto.v1.QualityPoint;
import proficio.proto.v1.QualitySeries;
import proficio.proto.v1.QualityTable;
import proficio.proto.v1.QualityTableRow;

/**
 * The quality series and table as CSV (RFC 4180): one row per point or table line, the columns named
 * as the JSON fields are, numbers written as the JSON writes them, so the two say the same.
 */
final class QualityCsv {

    static final int BINS = 10;

    private QualityCsv() {
    }

    static String series(QualitySeries s) {
        StringBuilder out = new StringBuilder("exercise,day,model_version,role,theta_source,samples,sum_log_likelihood,"
                + "mean_log_likelihood,sum_brier,mean_brier");
        for (int i = 0; i < BINS; i++) {
            out.append(",calibration_samples_").append(i);
        }
        for (int i = 0; i < BINS; i++) {
            out.append(",calibration_correct_").append(i);
        }
        out.append("\r\n");
        for (QualityPoint p : s.getPointsList()) {
            row(out, List.of(p.getExercise(), p.getDay(), p.getModelVersion(), p.getRole().name(), p.getThetaSource().name(),
                    Long.toString(p.getSamples()), num(p.getSumLogLikelihood()), num(p.getMeanLogLikelihood()),
                    num(p.getSumBrier()), num(p.getMeanBrier())));
            for (long n : p.getCalibrationSamplesList()) {
                out.append(',').append(n);
            }
            for (long n : p.getCalibrationCorrectList()) {
                out.append(',').append(n);
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    static String table(QualityTable t) {
        StringBuilder out = new StringBuilder("exercise,samples,mean_log_likelihood,log_likelihood_change,candidate_samples,"
                + "candidate_mean_log_likelihood,candidate_gain,fallback_samples\r\n");
        for (QualityTableRow r : t.getRowsList()) {
            row(out, List.of(r.getExercise(), Long.toString(r.getSamples()), num(r.getMeanLogLikelihood()),
                    num(r.getLogLikelihoodChange()), Long.toString(r.getCandidateSamples()),
                    num(r.getCandidateMeanLogLikelihood()), num(r.getCandidateGain()), Long.toString(r.getFallbackSamples())));
            out.append("\r\n");
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
    }

    /** Quoted when it holds a comma, a quote or a line break; quotes doubled. */
    static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** As protobuf's JSON writes a double: NaN and the infinities by name, others as Java's shortest round-trip form. */
    static String num(double d) {
        return Double.toString(d);
    }
}
