/**
 * workitems core: the user API ({@code dev.workitems}) and what storage and host implementers need
 * ({@code dev.workitems.spi}). Everything in {@code dev.workitems.internal} stays private to the module.
 */
module dev.workitems.core {
    exports dev.workitems;
    exports dev.workitems.spi;
}
