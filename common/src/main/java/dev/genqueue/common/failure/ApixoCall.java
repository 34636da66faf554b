package dev.genqueue.common.failure;

/** The APIXO endpoint an HTTP status came from; a few statuses mean different things per endpoint. */
public enum ApixoCall {
    SUBMIT,
    STATUS,
    BALANCE,
    DOWNLOAD
}
