package dev.workitems;

/**
 * The choices the contract leaves to configuration.
 *
 * @param autoCompleteWhenAllDecided D6: finish the work item when its last pending approval item is decided (default
 *     false: it stays Pending until completed)
 * @param finishOnAccountSelection D10: finish the work item when an account selection is submitted (default true)
 */
public record LifecycleOptions(boolean autoCompleteWhenAllDecided, boolean finishOnAccountSelection) {

    /** The contract's defaults. */
    public static final LifecycleOptions DEFAULTS = new LifecycleOptions(false, true);
}
