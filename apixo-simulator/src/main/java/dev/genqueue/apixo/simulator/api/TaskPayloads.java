package dev.genqueue.apixo.simulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.apixo.simulator.output.ResultFiles;
import dev.genqueue.apixo.simulator.task.Task;
import dev.genqueue.apixo.simulator.task.TaskState;

/**
 * Renders a task as the status answer (and webhook body) of docs/apixo-api.md §4.2 and §6: fields that do not
 * apply are omitted, {@code resultJson} is a JSON string. A rendering never changes, so each is built once.
 */
public final class TaskPayloads {

    private final ResultFiles files;

    public TaskPayloads(ResultFiles files) {
        this.files = files;
    }

    /** The full envelope for {@code task} in {@code state}. */
    public byte[] envelope(Task task, TaskState state) {
        byte[] cached = task.cachedPayload(state);
        if (cached == null) {
            cached = Envelope.success(data(task, state));
            task.cachePayload(state, cached);
        }
        return cached;
    }

    private ObjectNode data(Task task, TaskState state) {
        ObjectNode data = Envelope.MAPPER.createObjectNode();
        data.put("taskId", task.id());
        data.put("state", state.wire());
        switch (state) {
            case SUCCESS -> {
                ObjectNode result = Envelope.MAPPER.createObjectNode();
                ArrayNode urls = result.putArray("resultUrls");
                files.urls(task).forEach(urls::add);
                data.put("resultJson", result.toString());
                data.put("costTime", task.completeAt() - task.createTime());
                data.put("createTime", task.createTime());
                data.put("completeTime", task.completeAt());
            }
            case FAILED -> {
                data.put("failCode", task.outcome().failCode());
                data.put("failMsg", task.outcome().failMsg());
                data.put("createTime", task.createTime());
                data.put("completeTime", task.completeAt());
            }
            default -> data.put("createTime", task.createTime());
        }
        return data;
    }
}
