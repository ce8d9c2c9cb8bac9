/** The workitems storage SPI held in memory. */
module dev.workitems.storage.memory {
    requires transitive dev.workitems.core;

    exports dev.workitems.storage.memory;
}
