package proficio.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN §1 and STYLE 4/16, checked on the compiled classes of every module on
 * the service's classpath: model stays framework-free, only state-store touches RocksDB, and the
 * gRPC layer never sees Kafka Streams.
 */
class LayeringTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("proficio");
    }

    @Test
    void model_importsNothingButTheJdk() {
        noClasses().that().resideInAPackage("proficio.model..")
                .should().dependOnClassesThat().resideOutsideOfPackages("proficio.model..", "java..")
                .check(classes);
    }

    @Test
    void onlyStateStore_importsRocksDb() {
        noClasses().that().resideOutsideOfPackage("proficio.store..")
                .should().dependOnClassesThat().resideInAPackage("org.rocksdb..")
                .check(classes);
    }

    @Test
    void grpcLayer_neverSeesKafkaStreamsOrKafka() {
        noClasses().that().resideInAPackage("proficio.service.grpc..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.rocksdb..")
                .check(classes);
    }

    @Test
    void onlyStreamsRuntimeAndTheQuery_touchKafkaStreams() {
        noClasses().that().resideInAPackage("proficio.service..")
                .and().doNotHaveFullyQualifiedName("proficio.service.streams.StreamsRuntime")
                .and().doNotHaveFullyQualifiedName("proficio.service.query.StudentStateQuery")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.kafka.streams.KafkaStreams")
                .check(classes);
    }
}
