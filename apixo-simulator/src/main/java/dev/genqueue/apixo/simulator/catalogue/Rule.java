package dev.genqueue.apixo.simulator.catalogue;

/** One validation rule over a model's input; answers the error text or null when satisfied. */
@FunctionalInterface
public interface Rule {

    /** The 400 detail ({@code data.error}) when {@code request} breaks the rule, otherwise null. */
    String check(ModelInput request);
}
