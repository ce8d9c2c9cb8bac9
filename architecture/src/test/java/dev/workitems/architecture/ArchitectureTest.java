package dev.workitems.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the library, checked on its compiled classes (the seven library modules' main code, not their tests):
 * core on the JDK only; each store on core's API and SPI only; the HTTP adapter, the test kit and the Micrometer module
 * on core only, never on a store; the Spring Boot starter on the exported packages of core, the JDBC store and HTTP,
 * and alone in seeing Spring; no module reaching into another's {@code internal} package; no cycles between modules or
 * between the packages of one module, but for core's API and SPI, which refer to each other by design (the SPI stores
 * the API's values; the API's builder takes the SPI's implementations).
 */
class ArchitectureTest {
    private static final String CORE_API = "dev.workitems";
    private static final String CORE_SPI = "dev.workitems.spi";
    private static final String CORE_INTERNAL = "dev.workitems.internal..";
    private static final List<String> MODULES = List.of(
            "dev.workitems.storage.memory",
            "dev.workitems.storage.jdbc",
            "dev.workitems.http",
            "dev.workitems.testkit",
            "dev.workitems.micrometer",
            "dev.workitems.spring.boot");

    private static JavaClasses library;

    @BeforeAll
    static void importTheLibrary() {
        library = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(CORE_API);
    }

    /** @return the module a class belongs to, by its package: core, or one of {@link #MODULES} */
    static String moduleOf(String packageName) {
        for (String m : MODULES) {
            if (packageName.equals(m) || packageName.startsWith(m + ".")) {
                return m;
            }
        }
        return packageName.equals(CORE_API) || packageName.startsWith(CORE_API + ".") ? "dev.workitems.core" : null;
    }

    /** Classes outside the library, or in core's exported packages, or in the module's own packages. */
    private static DescribedPredicate<JavaClass> coreApiSpiOr(String ownPackage) {
        return resideOutsideOfPackage(CORE_API + "..").or(resideInAnyPackage(CORE_API, CORE_SPI, ownPackage + ".."));
    }

    @Test
    void theImportFoundEveryModule() {
        for (String m : List.of(
                CORE_API,
                CORE_SPI,
                "dev.workitems.storage.memory",
                "dev.workitems.storage.jdbc",
                "dev.workitems.http",
                "dev.workitems.testkit",
                "dev.workitems.micrometer",
                "dev.workitems.spring.boot")) {
            // a package referred to from another module is there as stubs: ask for a class read from a class file
            if (library.stream()
                    .noneMatch(
                            c -> c.getPackageName().equals(m) && c.getSource().isPresent())) {
                throw new AssertionError("no classes imported from " + m + ": the rules below would check nothing");
            }
        }
    }

    @Test
    void coreDependsOnTheJdkOnly() {
        classes()
                .that()
                .resideInAnyPackage(CORE_API, CORE_SPI, CORE_INTERNAL)
                .should()
                .onlyDependOnClassesThat(resideInAnyPackage("java..", CORE_API, CORE_SPI, CORE_INTERNAL))
                .because("a host that embeds the memory store pulls in nothing but core")
                .check(library);
    }

    @Test
    void storesDependOnCoresApiAndSpiOnly() {
        for (String store : List.of("dev.workitems.storage.memory", "dev.workitems.storage.jdbc")) {
            classes()
                    .that()
                    .resideInAPackage(store + "..")
                    .should()
                    .onlyDependOnClassesThat(coreApiSpiOr(store))
                    .because("a store implements the SPI: it sees core's API and SPI, nothing else of the library")
                    .check(library);
        }
    }

    @Test
    void theHttpAdapterTheKitAndTheMetricsNeverDependOnAStore() {
        for (String module : List.of("dev.workitems.http", "dev.workitems.testkit", "dev.workitems.micrometer")) {
            noClasses()
                    .that()
                    .resideInAPackage(module + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("dev.workitems.storage..")
                    .because("the adapter, the kit and the metrics work over any store, through core")
                    .check(library);
            classes()
                    .that()
                    .resideInAPackage(module + "..")
                    .should()
                    .onlyDependOnClassesThat(coreApiSpiOr(module))
                    .check(library);
        }
    }

    @Test
    void theSpringBootStarterSeesOnlyTheExportedPackagesOfCoreTheJdbcStoreAndHttp() {
        classes()
                .that()
                .resideInAPackage("dev.workitems.spring.boot..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage(CORE_API + "..")
                        .or(resideInAnyPackage(
                                CORE_API,
                                CORE_SPI,
                                "dev.workitems.storage.jdbc",
                                "dev.workitems.http",
                                "dev.workitems.micrometer",
                                "dev.workitems.spring.boot..")))
                .because("the starter wires the library's public parts into Spring; it reimplements none of them")
                .check(library);
    }

    @Test
    void onlyTheStarterSeesSpring() {
        noClasses()
                .that(resideOutsideOfPackage("dev.workitems.spring.."))
                .should()
                .dependOnClassesThat(resideInAPackage("org.springframework.."))
                .because("the library runs without Spring; Spring is the starter's business")
                .check(library);
    }

    @Test
    void noModuleUsesAnotherModulesInternalPackage() {
        ArchRule rule = classes().should(new ArchCondition<JavaClass>("use no internal package of another module") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    boolean internal = target.endsWith(".internal") || target.contains(".internal.");
                    if (internal
                            && target.startsWith("dev.workitems")
                            && !java.util.Objects.equals(moduleOf(origin.getPackageName()), moduleOf(target))) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        });
        rule.check(library);
    }

    @Test
    void theModulesFormNoCycle() {
        slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                        String m = moduleOf(javaClass.getPackageName());
                        return m == null ? SliceIdentifier.ignore() : SliceIdentifier.of(m);
                    }

                    @Override
                    public String getDescription() {
                        return "the library's modules";
                    }
                })
                .should()
                .beFreeOfCycles()
                .check(library);
    }

    @Test
    void thePackagesBelowCoreFormNoCycle() {
        slices().matching("dev.workitems.(**)").should().beFreeOfCycles().check(library);
    }

    @Test
    void theTestKitIsTheOnlyModuleThatSeesJUnit() {
        noClasses()
                .that(resideOutsideOfPackage("dev.workitems.testkit.."))
                .should()
                .dependOnClassesThat(resideInAPackage("org.junit.."))
                .because("test helpers stay out of the production jars")
                .check(library);
    }

    @Test
    void everyJavaLineFitsIn120Columns() throws java.io.IOException {
        // Spotless formats the code; string literals and comments it leaves alone are held to the same width here.
        java.nio.file.Path root = java.nio.file.Path.of("..").toAbsolutePath().normalize();
        List<String> tooLong = new java.util.ArrayList<>();
        int read = 0;
        try (var files = java.nio.file.Files.walk(root)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                String name = root.relativize(f).toString().replace('\\', '/');
                if (!name.endsWith(".java")
                        || !name.contains("/src/")
                        || name.contains("/target/")
                        || name.contains("node_modules")) {
                    continue;
                }
                read++;
                List<String> lines = java.nio.file.Files.readAllLines(f);
                for (int n = 0; n < lines.size(); n++) {
                    if (lines.get(n).length() > 120) {
                        tooLong.add(name + ":" + (n + 1) + " (" + lines.get(n).length() + " characters)");
                    }
                }
            }
        }
        if (read < 100) {
            throw new AssertionError(
                    "only " + read + " Java files found below " + root + ": is this the project root?");
        }
        if (!tooLong.isEmpty()) {
            throw new AssertionError("lines longer than 120 characters:\n" + String.join("\n", tooLong));
        }
    }
}
