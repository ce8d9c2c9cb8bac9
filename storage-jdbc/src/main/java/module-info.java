/**
 * The workitems storage SPI over JDBC (JDBI 3, HikariCP): SQLite, the embedded default, and PostgreSQL. Exports the
 * store, its builder and settings; the SQL, the JSON of the text columns and each database's differences stay
 * package-private. The PostgreSQL driver is the host's to add; the store finds it through JDBC.
 */
module dev.workitems.storage.jdbc {
    requires transitive dev.workitems.core;
    requires transitive java.sql;
    requires transitive org.jdbi.v3.core;
    requires com.zaxxer.hikari;
    requires org.xerial.sqlitejdbc;
    requires com.fasterxml.jackson.core;

    exports dev.workitems.storage.jdbc;
}
