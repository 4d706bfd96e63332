package proficio.service.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import proficio.model.feature.ExerciseFeatures;
import proficio.model.mastery.MasteryConfig;
import proficio.model.mastery.MasteryLevel;
import proficio.model.mastery.MasteryState;
import proficio.model.predict.Prediction;
import proficio.model.state.ExerciseState;
import proficio.model.state.KnowledgeState;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.util.concurrent.atomic.AtomicReference;
import proficio.proto.MasteryTransitions;
import proficio.service.mastery.Planning;
import proficio.proto.ProblemLogs;
import proficio.model.catalogue.ExerciseCatalogue;
import proficio.model.mastery.Card;
import proficio.proto.v1.ChallengeCard;
import proficio.proto.v1.ExerciseMastery;
import proficio.proto.v1.NextChallenge;
import proficio.proto.v1.RankedExercise;
import proficio.proto.v1.RankedExercises;
import proficio.proto.v1.RecordAttemptResponse;
import proficio.proto.v1.ExercisePrediction;
import proficio.proto.v1.ExerciseStateView;
import proficio.proto.v1.ListModelsResponse;
import proficio.proto.v1.GetTransitionsResponse;
import proficio.proto.v1.MasteryLevels;
import proficio.proto.v1.MasteryTransition;
import proficio.proto.v1.ModelInfo;
import proficio.proto.v1.ModelStatus;
import proficio.proto.v1.PredictResponse;
import proficio.proto.v1.StudentState;
import proficio.proto.v1.ThetaSource;
import proficio.service.models.ModelRegistry;
import proficio.store.StudentSnapshot;

/** Maps model values to gRPC replies. No domain logic: every number comes from {@code model}. */
final class Replies {

    private Replies() {
    }

    static PredictResponse predictions(String studentId, String modelVersion, List<Prediction> predictions,
                                       StudentSnapshot student) {
        PredictResponse.Builder b = PredictResponse.newBuilder().setStudentId(studentId).setModelVersion(modelVersion);
        for (Prediction p : predictions) {
            b.addPredictions(ExercisePrediction.newBuilder()
                    .setExercise(p.exercise())
                    .setProbability(p.probability())
                    .setThetaSource(switch (p.thetaSource()) {
                        case EXERCISE -> ThetaSource.THETA_SOURCE_EXERCISE;
                        case GLOBAL -> ThetaSource.THETA_SOURCE_GLOBAL;
                    })
                    .setDone(student.exercise(p.exercise()).done()));
        }
        return b.build();
    }

    static StudentState studentState(StudentSnapshot s, long featureSpaceSeed) {
        StudentState.Builder b = StudentState.newBuilder().setStudentId(s.studentId()).setKnown(s.known())
                .setFeatureSpaceSeed(featureSpaceSeed);
        if (s.known()) {
            KnowledgeState k = s.knowledge();
            for (int i = 0; i < KnowledgeState.DIMENSIONS; i++) {
                b.addKnowledgeState(k.get(i));
            }
        }
        for (Map.Entry<String, ExerciseState> e : s.exercises().entrySet()) {
            b.addExercises(exercise(e.getKey(), e.getValue()));
        }
        return b.build();
    }

    static ModelInfo modelInfo(String name, ModelRegistry.Version v) {
        ModelInfo.Builder b = ModelInfo.newBuilder()
                .setName(name)
                .setVersion(v.version())
                .setStatus(switch (v.status()) {
                    case ACTIVE -> ModelStatus.MODEL_STATUS_ACTIVE;
                    case AVAILABLE -> ModelStatus.MODEL_STATUS_AVAILABLE;
                    case REFUSED -> ModelStatus.MODEL_STATUS_REFUSED;
                    case CANDIDATE -> ModelStatus.MODEL_STATUS_CANDIDATE;
                })
                .setRefusalReason(v.refusalReason())
                .setShippedDefault(v.shippedDefault());
        v.summary().ifPresent(s -> b.setFeatureSet(s.featureSet())
                .setFeatureSpaceSeed(s.featureSpaceSeed())
                .setExerciseThetas(s.exerciseThetas())
                .setProvenance(s.provenance()));
        v.pointer().ifPresent(b::setPointer);
        return b.build();
    }

    static ListModelsResponse modelList(String name, List<ModelRegistry.Version> versions) {
        ListModelsResponse.Builder b = ListModelsResponse.newBuilder().setName(name);
        for (ModelRegistry.Version v : versions) {
            if (v.status() == ModelRegistry.Status.ACTIVE) {
                b.setActiveVersion(v.version());
            } else if (v.status() == ModelRegistry.Status.CANDIDATE) {
                b.setCandidateVersion(v.version());
            }
            b.addModels(modelInfo(name, v));
        }
        return b.build();
    }

    private static ExerciseStateView exercise(String exercise, ExerciseState s) {
        ExerciseFeatures f = ExerciseFeatures.of(s);
        StringBuilder answers = new StringBuilder(s.historyLength());
        for (int age = s.historyLength() - 1; age >= 0; age--) {
            answers.append(s.correctAt(age) ? '1' : '0');
        }
        return ExerciseStateView.newBuilder()
                .setExercise(exercise)
                .setDone(s.done())
                .setCorrect(s.correct())
                .setRecentAnswers(answers.toString())
                .setFeatures(proficio.proto.v1.ExerciseFeatures.newBuilder()
                        .setEwmaFast(f.ewmaFast())
                        .setEwmaSlow(f.ewmaSlow())
                        .setStreak(f.streak())
                        .setLogDone(f.logDone())
                        .setLogMissedPlusOne(f.logMissedPlusOne())
                        .setPercentCorrect(f.percentCorrect()))
                .setLastTimeDone(ProblemLogs.Timestamps.fromMillis(s.lastTimeDoneMs()))
                .build();
    }

    /** The stored transitions (protobuf bytes, oldest first); {@code stored} holds up to one more than {@code limit}. */
    static GetTransitionsResponse transitions(String student, List<byte[]> stored, int limit) {
        GetTransitionsResponse.Builder out = GetTransitionsResponse.newBuilder().setStudentId(student)
                .setMore(stored.size() > limit);
        for (byte[] b : stored.subList(0, Math.min(limit, stored.size()))) {
            out.addTransitions(parseTransition(student, b));
        }
        return out.build();
    }

    private static MasteryTransition parseTransition(String student, byte[] stored) {
        try {
            return MasteryTransition.parseFrom(stored);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("transitions store of " + student + ": not a MasteryTransition: " + e.getMessage(), e);
        }
    }

    static MasteryLevels masteryLevels(StudentSnapshot s, Collection<String> exercises, MasteryConfig config) {
        MasteryLevels.Builder b = MasteryLevels.newBuilder().setStudentId(s.studentId()).setKnown(s.known());
        for (String e : exercises) {
            MasteryState m = s.masteryOf(e);
            ExerciseMastery.Builder x = ExerciseMastery.newBuilder()
                    .setExercise(e)
                    .setLevel(MasteryTransitions.level(m.level()))
                    .setStruggling(m.struggling())
                    .setReviewIntervalMs(m.reviewIntervalMs())
                    .setAttempts(m.attempts());
            if (m.nextReviewDueMs() != 0) {
                x.setNextReviewDue(ProblemLogs.Timestamps.fromMillis(m.nextReviewDueMs()));
            }
            if (m.lastPromotionMs() != 0) {
                x.setLastPromotion(ProblemLogs.Timestamps.fromMillis(m.lastPromotionMs()));
            }
            if (m.level() != MasteryLevel.UNPRACTICED) {
                x.setNextDue(ProblemLogs.Timestamps.fromMillis(m.nextDueMs(config)));
            }
            b.addExercises(x);
        }
        return b.build();
    }

    static NextChallenge nextChallenge(proficio.model.mastery.MasteryChallenge c, String modelVersion,
                                       int catalogueSize, MasteryConfig config) {
        NextChallenge.Builder b = NextChallenge.newBuilder().setStudentId(c.studentId()).setModelVersion(modelVersion)
                .setAsOf(ProblemLogs.Timestamps.fromMillis(c.asOfMs())).setCatalogueSize(catalogueSize);
        for (Card card : c.cards()) {
            ChallengeCard.Builder x = ChallengeCard.newBuilder()
                    .setExercise(card.exercise())
                    .setCardType(cardType(card.type()))
                    .setProbability(card.p())
                    .setReason(switch (card.type()) {
                        case REVIEW -> "review due since " + java.time.Instant.ofEpochMilli(card.dueMs());
                        case MASTERY -> "mastery card available since " + java.time.Instant.ofEpochMilli(card.dueMs());
                        case CHALLENGE -> String.format(java.util.Locale.ROOT,
                                "never attempted, p %.4f >= challenge-card threshold %.4f", card.p(), config.challengeCardP());
                        default -> "analytics card, drawn reproducibly from the whole catalogue";
                    });
            if (card.dueMs() != 0) {
                x.setDue(ProblemLogs.Timestamps.fromMillis(card.dueMs()));
            }
            b.addCards(x);
        }
        return b.build();
    }

    static RankedExercises ranked(String studentId, String modelVersion, List<proficio.model.mastery.RankedExercise> ranked,
                                  ExerciseCatalogue catalogue) {
        RankedExercises.Builder b = RankedExercises.newBuilder().setStudentId(studentId).setModelVersion(modelVersion);
        for (proficio.model.mastery.RankedExercise r : ranked) {
            b.addExercises(RankedExercise.newBuilder()
                    .setExercise(r.exercise())
                    .setProbability(r.p())
                    .setLevel(MasteryTransitions.level(r.level()))
                    .setInCatalogue(catalogue.contains(r.exercise())));
        }
        return b.build();
    }

    /**
     * RankExercises' reply, written straight from the ranking as the bytes of a {@link RankedExercises}:
     * exactly what protobuf writes for the same message (fields in number order, proto3 defaults left
     * out; {@code RepliesTest} compares the two), without the 5,000 line builders, messages and name
     * views that building the message took, nor their UTF-8 checks. Catalogue names are copied from
     * their UTF-8 encoded once per catalogue ({@link CatalogueNames}).
     */
    static EncodedReply rankedAll(String studentId, String modelVersion, Planning.RankedAll ranked) {
        CatalogueNames names = CatalogueNames.of(ranked.catalogue());
        int n = ranked.size();
        int[] lineSize = new int[n];
        byte[][] outside = null; // by line, for the few attempted exercises outside the catalogue
        long total = stringFieldSize(1, studentId) + stringFieldSize(2, modelVersion);
        for (int k = 0; k < n; k++) {
            int i = ranked.catalogueIndex(k);
            int nameLength;
            if (i >= 0) {
                nameLength = names.length(i);
            } else {
                if (outside == null) {
                    outside = new byte[n][];
                }
                outside[k] = ranked.exercise(k).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                nameLength = outside[k].length;
            }
            int level = LEVEL_NUMBERS[ranked.level(k).ordinal()];
            int size = (nameLength > 0 ? 1 + CodedOutputStream.computeUInt32SizeNoTag(nameLength) + nameLength : 0)
                    + (Double.doubleToRawLongBits(ranked.p(k)) != 0 ? 1 + 8 : 0)
                    + (level != 0 ? 1 + CodedOutputStream.computeUInt32SizeNoTag(level) : 0)
                    + (i >= 0 ? 1 + 1 : 0);
            lineSize[k] = size;
            total += 1 + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("RankExercises reply of " + total + " bytes");
        }
        byte[] out = new byte[(int) total];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            if (!studentId.isEmpty()) {
                o.writeString(1, studentId);
            }
            if (!modelVersion.isEmpty()) {
                o.writeString(2, modelVersion);
            }
            for (int k = 0; k < n; k++) {
                o.writeTag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                o.writeUInt32NoTag(lineSize[k]);
                int i = ranked.catalogueIndex(k);
                if (i >= 0) {
                    names.write(o, i);
                } else if (outside[k].length > 0) {
                    o.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    o.writeUInt32NoTag(outside[k].length);
                    o.writeRawBytes(outside[k]);
                }
                double p = ranked.p(k);
                if (Double.doubleToRawLongBits(p) != 0) {
                    o.writeDouble(2, p);
                }
                int level = LEVEL_NUMBERS[ranked.level(k).ordinal()];
                if (level != 0) {
                    o.writeEnum(3, level);
                }
                if (i >= 0) {
                    o.writeBool(4, true);
                }
            }
            o.checkNoSpaceLeft();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("RankExercises reply: sized " + total + " bytes, but " + e.getMessage(), e);
        }
        return new EncodedReply(out);
    }

    /** The wire number of each model level, by ordinal. */
    private static final int[] LEVEL_NUMBERS = java.util.Arrays.stream(MasteryLevel.values())
            .mapToInt(l -> MasteryTransitions.level(l).getNumber()).toArray();

    private static int stringFieldSize(int field, String value) {
        return value.isEmpty() ? 0 : CodedOutputStream.computeStringSize(field, value);
    }

    /**
     * A catalogue's exercise names as UTF-8, by catalogue index, in one array; the last one built is
     * kept. A reply takes the names in order of p, which is no order in memory: 5,000 names in one
     * 70 KB array stay in cache, where 5,000 separate strings cost a cache miss or two each.
     */
    private record CatalogueNames(ExerciseCatalogue catalogue, byte[] utf8, int[] start) {
        private static final AtomicReference<CatalogueNames> LAST = new AtomicReference<>();

        static CatalogueNames of(ExerciseCatalogue catalogue) {
            CatalogueNames last = LAST.get();
            if (last == null || last.catalogue != catalogue) {
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                int[] start = new int[catalogue.size() + 1];
                for (int i = 0; i < catalogue.size(); i++) {
                    start[i] = all.size();
                    all.writeBytes(catalogue.get(i).name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                start[catalogue.size()] = all.size();
                last = new CatalogueNames(catalogue, all.toByteArray(), start);
                LAST.set(last);
            }
            return last;
        }

        int length(int index) {
            return start[index + 1] - start[index];
        }

        /** Name {@code index} as field 1 of a line; nothing for an empty name, as protobuf writes it. */
        void write(CodedOutputStream o, int index) throws java.io.IOException {
            int length = length(index);
            if (length > 0) {
                o.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                o.writeUInt32NoTag(length);
                o.writeRawBytes(utf8, start[index], length);
            }
        }
    }

    static RecordAttemptResponse attemptWritten(String eventId, int partition, long offset) {
        return RecordAttemptResponse.newBuilder().setEventId(eventId).setPartition(partition).setOffset(offset).build();
    }

    /**
     * {@code storedAtTime}: the student's stored transitions at the answer's event time; those of
     * {@code eventId} are the ones it caused.
     */
    static RecordAttemptResponse attemptApplied(RecordAttemptResponse written, Prediction after, StudentSnapshot s,
                                                MasteryLevel before, List<byte[]> storedAtTime, String eventId,
                                                MasteryConfig config) {
        RecordAttemptResponse.Builder b = written.toBuilder()
                .setApplied(true)
                .setPrediction(predictions(s.studentId(), after.modelVersion(), List.of(after), s).getPredictions(0))
                .setLevelBefore(MasteryTransitions.level(before))
                .setMasteryAfter(masteryLevels(s, List.of(after.exercise()), config).getExercises(0));
        for (byte[] stored : storedAtTime) {
            MasteryTransition t = parseTransition(s.studentId(), stored);
            if (t.getEventId().equals(eventId)) {
                b.addTransitions(t);
            }
        }
        return b.build();
    }

    private static proficio.proto.v1.CardType cardType(proficio.model.event.CardType t) {
        return MasteryTransitions.cardType(t);
    }
}
