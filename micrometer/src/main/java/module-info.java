/**
 * Micrometer for workitems: {@code WorkItemsMetrics}, an operation observer that times each operation by operation and
 * outcome (or makes it an observation), counts retried races and item-cache lookups, and binds gauges for subscription
 * lag and the timers' due backlog.
 */
module dev.workitems.micrometer {
    requires transitive dev.workitems.core;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;

    exports dev.workitems.micrometer;
}
