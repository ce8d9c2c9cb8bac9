package dev.workitems.spring.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workitems.Caller;
import dev.workitems.NewWorkItem;
import dev.workitems.StorageFailureException;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.spi.IdentityDirectory;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.spring.boot.PostgresStarterTest;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import dev.workitems.testkit.Fixture;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code workitems.schema-mode=none} with Flyway owning the schema: Flyway applies the library's migration files,
 * straight from the jar, into a database schema of their own, and the store works on what Flyway made.
 */
@SpringBootTest(
        classes = FlywaySchemaTest.FlywayApp.class,
        properties = {
            "workitems.schema-mode=none",
            "workitems.timers.enabled=false",
            "spring.flyway.locations=classpath:dev/workitems/storage/jdbc/migrations/postgresql",
            "spring.flyway.schemas=flyway_owned",
            "spring.flyway.default-schema=flyway_owned"
        })
class FlywaySchemaTest {

    /** A host whose schema Flyway owns. */
    @SpringBootApplication
    static class FlywayApp {
        @Bean
        IdentityDirectory identities() {
            return new InMemoryIdentityDirectory().put(Fixture.GINGER, "Ginger.Rogers");
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) {
        // The schema Flyway creates is also the connections' search path, as a team running Flyway would set it.
        r.add(
                "spring.datasource.url",
                () -> PostgresStarterTest.pg().getJdbcUrl("postgres", "postgres") + "&currentSchema=flyway_owned");
        r.add("spring.datasource.username", () -> "postgres");
    }

    @Autowired
    WorkItems workItems;

    @Autowired
    JdbcWorkItemRepository store;

    @Autowired
    DataSource dataSource;

    @Test
    void flywayAppliesTheLibrarysMigrationsAndTheStoreWorksOnThem() throws Exception {
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        assertEquals(
                6,
                sql.queryForObject(
                        "SELECT count(*) FROM flyway_owned.flyway_schema_history WHERE success AND version IS NOT NULL",
                        Integer.class),
                "Flyway recorded V001..V006");
        workItems.create(NewWorkItem.builder()
                .type(WorkItemType.GENERIC)
                .name("Print a badge")
                .description("Ginger's new badge")
                .ownerId(Fixture.GINGER)
                .build());
        assertEquals(1, workItems.countPending(Caller.of(Fixture.GINGER), null).count());
        assertEquals(1, sql.queryForObject("SELECT count(*) FROM flyway_owned.workitems_work_item", Integer.class));
        // the library's own record of its migrations is not there: validate mode would refuse, none does not look
        assertThrows(StorageFailureException.class, store::validateSchema);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT 1"); // the pool is healthy after the check
        }
    }
}
