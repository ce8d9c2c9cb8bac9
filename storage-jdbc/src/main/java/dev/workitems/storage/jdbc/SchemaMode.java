package dev.workitems.storage.jdbc;

/** What the store does with the schema when it starts. */
public enum SchemaMode {
    /**
     * Apply the missing migration files in order and record them (the default). Safe to run from several instances at
     * once.
     */
    CREATE,
    /**
     * Apply nothing; fail at start, saying what is missing, unless every migration this version needs is recorded as
     * applied.
     */
    VALIDATE,
    /** Neither apply nor check: the team applies the files itself (Flyway, Liquibase) and takes responsibility. */
    NONE
}
