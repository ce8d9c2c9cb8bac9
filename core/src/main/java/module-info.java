/**
 * workitems core: the user API ({@code dev.workitems}) and what storage and host implementers need
 * ({@code dev.workitems.spi}). The implementation (the service, the state machine, checks) is package-private in
 * {@code dev.workitems}, so neither the class path nor the module path reaches it.
 */
module dev.workitems.core {
    exports dev.workitems;
    exports dev.workitems.spi;
}
