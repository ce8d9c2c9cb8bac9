package dev.workitems.storage.jdbc;

import dev.workitems.StorageFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Applies or checks the versioned migration files of a dialect ({@code V001__create_work_item.sql}, ...), recording
 * each in {@code workitems_schema_history} with a checksum.
 */
final class Migrations {

    /** The migrations this version of the library needs, oldest first. */
    static final List<String> FILES = List.of(
            "V001__create_work_item",
            "V002__event_feed",
            "V003__subscriptions",
            "V004__timers",
            "V005__reassignment",
            "V006__reassignment_audit");
    /** The table recording applied migrations. */
    public static final String HISTORY_TABLE = "workitems_schema_history";

    private Migrations() {}

    /** A migration file: its version, description, text and checksum. */
    record Migration(int version, String name, String sql, String checksum) {}

    /** @param dialect the dialect @return its migrations, oldest first */
    static List<Migration> load(Dialect dialect) {
        List<Migration> out = new ArrayList<>();
        for (String name : FILES) {
            String path = "/dev/workitems/storage/jdbc/migrations/" + dialect.migrationFolder() + "/" + name + ".sql";
            try (InputStream in = Migrations.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("migration file missing from the jar: " + path);
                }
                String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                out.add(new Migration(Integer.parseInt(name.substring(1, 4)), name, sql, sha256(sql)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + path, e);
            }
        }
        return out;
    }

    /**
     * @param jdbi the database
     * @param dialect its dialect
     * @param mode create, validate or none
     * @throws StorageFailureException if validation fails, saying what is missing or different
     */
    public static void apply(Jdbi jdbi, Dialect dialect, SchemaMode mode) {
        if (mode == SchemaMode.NONE) {
            return;
        }
        List<Migration> migrations = load(dialect);
        if (mode == SchemaMode.VALIDATE) {
            jdbi.useHandle(h -> check(h, dialect, migrations, false));
            return;
        }
        jdbi.useTransaction(h -> {
            dialect.sql().lockMigrations(h); // several instances may start at once: one migrates, the others wait

            h.execute("CREATE TABLE IF NOT EXISTS " + HISTORY_TABLE + " (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description TEXT NOT NULL, checksum TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
            Map<Integer, String[]> applied = applied(h);
            for (Migration m : migrations) {
                if (applied.containsKey(m.version())) {
                    continue;
                }
                for (String statement : statements(m.sql())) {
                    h.execute(statement);
                }
                h.createUpdate("INSERT INTO " + HISTORY_TABLE + " (version, description, checksum, applied_ms) "
                                + "VALUES (:v, :d, :c, :t)")
                        .bind("v", m.version())
                        .bind("d", m.name())
                        .bind("c", m.checksum())
                        .bind("t", System.currentTimeMillis())
                        .execute();
            }
            check(h, dialect, migrations, true);
        });
    }

    private static void check(Handle h, Dialect dialect, List<Migration> migrations, boolean afterCreate) {
        if (!afterCreate && !historyTableExists(h, dialect)) {
            throw new StorageFailureException(
                    "workitems schema missing: table " + HISTORY_TABLE + " does not exist. "
                            + "Apply the migration files under dev/workitems/storage/jdbc/migrations/"
                            + dialect.migrationFolder()
                            + "/ (" + String.join(", ", FILES) + ") and record them, or start with SchemaMode.CREATE.",
                    null);
        }
        Map<Integer, String[]> applied = applied(h);
        List<String> problems = new ArrayList<>();
        int newest = 0;
        for (Migration m : migrations) {
            newest = Math.max(newest, m.version());
            String[] row = applied.get(m.version());
            if (row == null) {
                problems.add("migration " + m.name() + " is not applied");
            } else if (!row[1].equals(m.checksum())) {
                problems.add("migration " + m.name() + " was applied from a different file (checksum " + row[1]
                        + ", expected " + m.checksum() + ")");
            }
        }
        for (Map.Entry<Integer, String[]> e : applied.entrySet()) {
            if (e.getKey() > newest) {
                problems.add("migration " + e.getValue()[0] + " is newer than this library (which knows up to V"
                        + String.format("%03d", newest) + ")");
            }
        }
        if (!problems.isEmpty()) {
            int at = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            throw new StorageFailureException(
                    "workitems schema is at version " + at + ", this library needs version " + newest + ": "
                            + String.join("; ", problems),
                    null);
        }
    }

    private static boolean historyTableExists(Handle h, Dialect dialect) {
        return h.createQuery(dialect.sql().tableCountQuery())
                        .bind("t", HISTORY_TABLE)
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    private static Map<Integer, String[]> applied(Handle h) {
        Map<Integer, String[]> out = new TreeMap<>();
        h.createQuery("SELECT version, description, checksum FROM " + HISTORY_TABLE)
                .map((rs, ctx) -> out.put(rs.getInt(1), new String[] {rs.getString(2), rs.getString(3)}))
                .list();
        return out;
    }

    /** Splits a migration file into statements: comments dropped, split at semicolons. */
    static List<String> statements(String sql) {
        StringBuilder noComments = new StringBuilder();
        for (String line : sql.split("\n")) {
            int c = line.indexOf("--");
            noComments.append(c >= 0 ? line.substring(0, c) : line).append('\n');
        }
        List<String> out = new ArrayList<>();
        for (String s : noComments.toString().split(";")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
