package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.ConcurrencyContract;
import dev.workitems.testkit.FeedContract;
import dev.workitems.testkit.ModelBasedContract;
import dev.workitems.testkit.SubscriptionContract;
import dev.workitems.testkit.TimersContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/**
 * The concurrency, feed, subscription, timers and model-based contracts through two engines on one SQLite file and on
 * one PostgreSQL schema.
 */
class TwoEnginesTest {

    static TwoEngines sqlite() {
        Path file = SqliteStores.newFile();
        return new TwoEngines(JdbcWorkItemRepository.sqlite(file), JdbcWorkItemRepository.sqlite(file));
    }

    static TwoEngines postgres() {
        String schema = PostgresStores.newSchema();
        String url = PostgresStores.urlFor(schema);
        return new TwoEngines(
                JdbcWorkItemRepository.builder()
                        .jdbcUrl(url)
                        .username(PostgresStores.user())
                        .password(PostgresStores.password())
                        .maximumPoolSize(4)
                        .build(),
                JdbcWorkItemRepository.builder()
                        .jdbcUrl(url)
                        .username(PostgresStores.user())
                        .password(PostgresStores.password())
                        .maximumPoolSize(4)
                        .build());
    }

    static void close(WorkItemRepository r) {
        TwoEngines t = (TwoEngines) r;
        t.a.close();
        t.b.close();
    }

    @Nested
    class SqliteConcurrency extends ConcurrencyContract {
        @Override
        protected WorkItemRepository newRepository() {
            return sqlite();
        }

        @Override
        protected void release(WorkItemRepository r) {
            close(r);
        }
    }

    @Nested
    class PostgresConcurrency extends ConcurrencyContract {
        @Override
        protected WorkItemRepository newRepository() {
            return postgres();
        }

        @Override
        protected void release(WorkItemRepository r) {
            close(r);
        }
    }

    @Nested
    class SqliteModelBased extends ModelBasedContract {
        @Override
        protected WorkItemRepository newRepository() {
            return sqlite();
        }

        @Override
        protected void release(WorkItemRepository r) {
            close(r);
        }

        @Override
        protected int defaultSequences() {
            return 40;
        }
    }

    @Nested
    class PostgresModelBased extends ModelBasedContract {
        @Override
        protected WorkItemRepository newRepository() {
            return postgres();
        }

        @Override
        protected void release(WorkItemRepository r) {
            close(r);
        }

        @Override
        protected int defaultSequences() {
            return 25;
        }
    }

    @Nested
    class SqliteFeed extends FeedContract {
        @Override
        protected WorkItemRepository newRepository() {
            return sqlite();
        }

        @Override
        protected void release(WorkItemRepository r) {
            close(r);
        }
    }

    @Nested
    class PostgresFeed extends FeedContract {
        @Override
        protected WorkItemRepository newRepository() {
            return postgres();
        }

        @Override
        protected void release(WorkItemRepository r) {
            close(r);
        }
    }

    @Nested
    class SqliteSubscriptions extends SubscriptionContract {
        @Override
        protected WorkItemRepository newRepository() {
            return sqlite();
        }

        @Override
        protected void release(WorkItemRepository r) {
            close(r);
        }
    }

    @Nested
    class PostgresSubscriptions extends SubscriptionContract {
        @Override
        protected WorkItemRepository newRepository() {
            return postgres();
        }

        @Override
        protected void release(WorkItemRepository r) {
            close(r);
        }
    }

    @Nested
    class SqliteTimers extends TimersContract {
        @Override
        protected WorkItemRepository newRepository() {
            return sqlite();
        }

        @Override
        protected void release(WorkItemRepository repository) {
            TwoEnginesTest.close(repository);
        }
    }

    @Nested
    class PostgresTimers extends TimersContract {
        @Override
        protected WorkItemRepository newRepository() {
            return postgres();
        }

        @Override
        protected void release(WorkItemRepository repository) {
            TwoEnginesTest.close(repository);
        }
    }
}
