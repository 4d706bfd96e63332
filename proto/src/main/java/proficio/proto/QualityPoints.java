package proficio.proto;

import java.time.LocalDate;
import proficio.model.predict.ThetaSource;
import proficio.model.quality.ModelRole;
import proficio.model.quality.QualityFigures;
import proficio.model.quality.QualityKey;
import proficio.model.quality.QualityRow;
import proficio.proto.v1.QualityPoint;

/** Converts quality cells between {@code model} values and {@code proficio.v1.QualityPoint}, losslessly. */
public final class QualityPoints {

    private QualityPoints() {
    }

    public static QualityPoint toWire(QualityRow row) {
        QualityKey k = row.key();
        QualityFigures f = row.figures();
        QualityPoint.Builder b = QualityPoint.newBuilder()
                .setExercise(k.exercise())
                .setDay(LocalDate.ofEpochDay(k.epochDay()).toString())
                .setModelVersion(k.modelVersion())
                .setRole(k.role() == ModelRole.ACTIVE ? proficio.proto.v1.ModelRole.MODEL_ROLE_ACTIVE
                        : proficio.proto.v1.ModelRole.MODEL_ROLE_CANDIDATE)
                .setThetaSource(k.thetaSource() == ThetaSource.EXERCISE ? proficio.proto.v1.ThetaSource.THETA_SOURCE_EXERCISE
                        : proficio.proto.v1.ThetaSource.THETA_SOURCE_GLOBAL)
                .setSamples(f.samples())
                .setSumLogLikelihood(f.sumLogLikelihood())
                .setMeanLogLikelihood(f.meanLogLikelihood())
                .setSumBrier(f.sumBrier())
                .setMeanBrier(f.meanBrier());
        for (int i = 0; i < QualityFigures.BINS; i++) {
            b.addCalibrationSamples(f.binSamples()[i]).addCalibrationCorrect(f.binCorrect()[i]);
        }
        return b.build();
    }

    /** @throws IllegalArgumentException for a point that is not one this service wrote (unknown role, bad day) */
    public static QualityRow toModel(QualityPoint p) {
        ModelRole role = switch (p.getRole()) {
            case MODEL_ROLE_ACTIVE -> ModelRole.ACTIVE;
            case MODEL_ROLE_CANDIDATE -> ModelRole.CANDIDATE;
            default -> throw new IllegalArgumentException("quality point with role " + p.getRole());
        };
        ThetaSource source = switch (p.getThetaSource()) {
            case THETA_SOURCE_EXERCISE -> ThetaSource.EXERCISE;
            case THETA_SOURCE_GLOBAL -> ThetaSource.GLOBAL;
            default -> throw new IllegalArgumentException("quality point with theta source " + p.getThetaSource());
        };
        long[] bs = p.getCalibrationSamplesList().stream().mapToLong(Long::longValue).toArray();
        long[] bc = p.getCalibrationCorrectList().stream().mapToLong(Long::longValue).toArray();
        QualityKey k = new QualityKey(p.getExercise(), Math.toIntExact(LocalDate.parse(p.getDay()).toEpochDay()),
                p.getModelVersion(), role, source);
        return new QualityRow(k, new QualityFigures(p.getSamples(), p.getSumLogLikelihood(), p.getSumBrier(), bs, bc));
    }
}
