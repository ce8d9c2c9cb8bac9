package dev.workitems.spring.boot;

import dev.workitems.storage.jdbc.SchemaMode;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** The starter's settings, under {@code workitems.*}. */
@ConfigurationProperties("workitems")
public class WorkItemsProperties {
    /**
     * What the store does with its tables at start: CREATE applies missing migrations, VALIDATE checks, NONE neither.
     */
    private SchemaMode schemaMode = SchemaMode.CREATE;

    /**
     * Items the service remembers to decide changes without reading them first (0: none; unset: the store's default,
     * 10,000 for SQLite and PostgreSQL).
     */
    private Integer itemCache;

    /** Attempts of a change that lost a race with a concurrent writer before it fails with 409. */
    private int maxAttempts = 16;

    /** Name of this instance in the event feed's subscriptions and leases (default: a random name per start). */
    private String instanceId;

    private final Sqlite sqlite = new Sqlite();
    private final Timers timers = new Timers();
    private final Http http = new Http();
    private final Subscriptions subscriptions = new Subscriptions();

    public SchemaMode getSchemaMode() {
        return schemaMode;
    }

    public void setSchemaMode(SchemaMode schemaMode) {
        this.schemaMode = schemaMode;
    }

    public Integer getItemCache() {
        return itemCache;
    }

    public void setItemCache(Integer itemCache) {
        this.itemCache = itemCache;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public Sqlite getSqlite() {
        return sqlite;
    }

    public Timers getTimers() {
        return timers;
    }

    public Http getHttp() {
        return http;
    }

    public Subscriptions getSubscriptions() {
        return subscriptions;
    }

    /** The durable subscriptions the starter opens for {@code FeedHandler} beans. */
    public static class Subscriptions {
        /** How long an instance holds a subscription without renewing it; another takes over after that. */
        private Duration lease = Duration.ofSeconds(30);

        /** Events read and handled per round; the position is stored after each round. */
        private int batchSize = 500;

        /** Failures on one event before it is parked. */
        private int maxAttempts = 5;

        /** The wait after the first failure; it doubles per failure up to max-backoff. */
        private Duration firstBackoff = Duration.ofSeconds(1);

        /** The longest wait between attempts. */
        private Duration maxBackoff = Duration.ofMinutes(5);

        /** How often a running subscription looks for events other instances wrote. */
        private Duration pollInterval = Duration.ofMillis(100);

        /** A subscription whose oldest unhandled event is older than this is stuck: the health indicator is down. */
        private Duration stuckAfter = Duration.ofMinutes(5);

        public Duration getStuckAfter() {
            return stuckAfter;
        }

        public void setStuckAfter(Duration stuckAfter) {
            this.stuckAfter = stuckAfter;
        }

        public Duration getLease() {
            return lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getFirstBackoff() {
            return firstBackoff;
        }

        public void setFirstBackoff(Duration firstBackoff) {
            this.firstBackoff = firstBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        /** @return these settings as the library's options */
        dev.workitems.SubscriptionOptions options() {
            return new dev.workitems.SubscriptionOptions(
                    lease, batchSize, maxAttempts, firstBackoff, maxBackoff, pollInterval);
        }
    }

    /** The embedded store the starter opens when the application has no DataSource. */
    public static class Sqlite {
        /** SQLite file of the embedded store, used only when the application defines no DataSource. */
        private Path path = Path.of("workitems.db");

        /** Connections of the embedded store's own pool. */
        private int poolSize = 4;

        public Path getPath() {
            return path;
        }

        public void setPath(Path path) {
            this.path = path;
        }

        public int getPoolSize() {
            return poolSize;
        }

        public void setPoolSize(int poolSize) {
            this.poolSize = poolSize;
        }
    }

    /** Deadlines, reminders and escalation: who sweeps, and how often. */
    public static class Timers {
        /** Whether this instance sweeps due timers on a background thread. */
        private boolean enabled = true;

        /** Time between two sweeps; a reminder is sent up to this long after its time. */
        private Duration pollInterval = Duration.ofSeconds(30);

        /** Due items read per batch of a sweep. */
        private int batch = 100;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public int getBatch() {
            return batch;
        }

        public void setBatch(int batch) {
            this.batch = batch;
        }
    }

    /** The V2024 API on the application's own web server (Spring MVC). */
    public static class Http {
        /** Whether the API's routes are served by the application's web server. */
        private boolean enabled = true;

        /** Base path of the V2024 routes. */
        private String basePath = "/v2024";

        /** Path of the same 13 work-item operations in upstream's per-API layout; empty for none. */
        private String v1Path = "/work-items/v1";

        /** Path of the library's own routes (identity search, me, history) the My Tasks page uses; empty for none. */
        private String extensionsPath = "/workitems";

        /** Requests per caller per window (D18); 0 switches the limit off. */
        private int rateLimitRequests = 100;

        /** The rate limit's window. */
        private Duration rateLimitWindow = Duration.ofSeconds(10);

        /** How much of the items' wire JSON is kept to answer unchanged items again; 0 to write every item afresh. */
        private DataSize itemJsonCache = DataSize.ofMegabytes(16);

        /**
         * On Tomcat: let encoded slashes in ids reach the API (ids are opaque) and answer Tomcat's own refusals under
         * the API's paths with the contract's body.
         */
        private boolean tomcatSupport = true;

        /** Path of the My Tasks page, ending in /; empty for none. */
        private String pagePath = "/tasks/";

        private final Jwt jwt = new Jwt();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getBasePath() {
            return basePath;
        }

        public void setBasePath(String basePath) {
            this.basePath = basePath;
        }

        public String getV1Path() {
            return v1Path;
        }

        public void setV1Path(String v1Path) {
            this.v1Path = v1Path;
        }

        public String getExtensionsPath() {
            return extensionsPath;
        }

        public void setExtensionsPath(String extensionsPath) {
            this.extensionsPath = extensionsPath;
        }

        public int getRateLimitRequests() {
            return rateLimitRequests;
        }

        public void setRateLimitRequests(int rateLimitRequests) {
            this.rateLimitRequests = rateLimitRequests;
        }

        public DataSize getItemJsonCache() {
            return itemJsonCache;
        }

        public void setItemJsonCache(DataSize itemJsonCache) {
            this.itemJsonCache = itemJsonCache;
        }

        public Duration getRateLimitWindow() {
            return rateLimitWindow;
        }

        public void setRateLimitWindow(Duration rateLimitWindow) {
            this.rateLimitWindow = rateLimitWindow;
        }

        public boolean isTomcatSupport() {
            return tomcatSupport;
        }

        public void setTomcatSupport(boolean tomcatSupport) {
            this.tomcatSupport = tomcatSupport;
        }

        public String getPagePath() {
            return pagePath;
        }

        public void setPagePath(String pagePath) {
            this.pagePath = pagePath;
        }

        public Jwt getJwt() {
            return jwt;
        }
    }

    /**
     * Who the caller is: from Spring Security's authenticated JWT when the application uses it, else from the library's
     * own JWT check with these settings.
     */
    public static class Jwt {
        /** HMAC secret (at least 32 bytes) of the library's own JWT check, when Spring Security does not decide. */
        private String hmacSecret;

        /** JWKS file (RSA or EC public keys) of the library's own JWT check, instead of an HMAC secret. */
        private Path jwks;

        /** Claim holding the caller's identity id. */
        private String identityClaim = "identity_id";

        /** Claim holding the caller's roles (a list or a space-separated string). */
        private String rolesClaim = "authorities";

        public String getHmacSecret() {
            return hmacSecret;
        }

        public void setHmacSecret(String hmacSecret) {
            this.hmacSecret = hmacSecret;
        }

        public Path getJwks() {
            return jwks;
        }

        public void setJwks(Path jwks) {
            this.jwks = jwks;
        }

        public String getIdentityClaim() {
            return identityClaim;
        }

        public void setIdentityClaim(String identityClaim) {
            this.identityClaim = identityClaim;
        }

        public String getRolesClaim() {
            return rolesClaim;
        }

        public void setRolesClaim(String rolesClaim) {
            this.rolesClaim = rolesClaim;
        }
    }
}
