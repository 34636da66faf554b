package dev.genqueue.apixo.simulator.catalogue;

/** The kind of media a model produces. */
public enum Category {
    IMAGE,
    VIDEO,
    AUDIO
}
