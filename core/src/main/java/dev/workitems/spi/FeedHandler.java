package dev.workitems.spi;

import dev.workitems.FeedEvent;

/**
 * What a durable subscription does with each feed event. Called at least once per event, one at a time, in feed order;
 * an event may come again after a crash, a lost lease or a replay, so a handler should be idempotent (the event's
 * position, or its item id and version, identify it). Throwing means "not handled": the event is tried again with
 * back-off and, after the subscription's most attempts, set aside so that the subscription goes on.
 */
@FunctionalInterface
public interface FeedHandler {

    /**
     * @param event the event
     * @throws Exception if it was not handled
     */
    void handle(FeedEvent event) throws Exception;
}
