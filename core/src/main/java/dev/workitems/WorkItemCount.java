package dev.workitems;

/**
 * A number of work items ({@code WorkItemsCount}).
 *
 * @param count the number
 */
public record WorkItemCount(long count) {}
