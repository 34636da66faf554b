package dev.genqueue.apixo.simulator.task;

/**
 * How a task ends.
 *
 * @param state    {@link TaskState#SUCCESS} or {@link TaskState#FAILED}
 * @param failCode failCode when failed, else null
 * @param failMsg  failMsg when failed, else null
 */
public record Outcome(TaskState state, String failCode, String failMsg) {

    public static final Outcome SUCCESS = new Outcome(TaskState.SUCCESS, null, null);

    public static Outcome failed(String failCode, String failMsg) {
        return new Outcome(TaskState.FAILED, failCode, failMsg);
    }

    public boolean failed() {
        return state == TaskState.FAILED;
    }
}
