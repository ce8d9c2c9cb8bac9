/**
 * The test kit every store runs: the SPI and service contracts, the authorization matrix, concurrency, the event feed
 * and subscriptions, and the model-based harness. Open, so that JUnit reaches the contracts' test methods whether the
 * kit sits on the module path or the class path.
 */
open module dev.workitems.testkit {
    requires transitive dev.workitems.core;
    requires transitive org.junit.jupiter.api;
    requires org.junit.jupiter.params;

    exports dev.workitems.testkit;
}
