package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** Fresh SQLite stores on temporary files, for the kit's leaves. */
final class SqliteStores {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("workitems-sqlite-tests");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SqliteStores() {}

    static Path newFile() {
        return DIR.resolve("store-" + COUNTER.incrementAndGet() + ".db");
    }

    static JdbcWorkItemRepository open() {
        return JdbcWorkItemRepository.sqlite(newFile());
    }

    static void release(WorkItemRepository repository) {
        ((JdbcWorkItemRepository) repository).close();
    }
}
