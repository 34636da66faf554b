package dev.genqueue.common.catalogue;

/** The kind of media a model produces. */
public enum ModelCategory {
    IMAGE,
    VIDEO,
    AUDIO
}
