package dev.workitems.spring.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The starter over a SQLite DataSource the application configures ({@code spring.datasource.url}). */
class SqliteStarterTest extends StarterContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) throws IOException {
        Path file = Files.createTempDirectory("workitems-boot").resolve("app.db");
        r.add("spring.datasource.url", () -> "jdbc:sqlite:" + file);
    }

    @Override
    String expectedDialect() {
        return "SQLITE";
    }
}
