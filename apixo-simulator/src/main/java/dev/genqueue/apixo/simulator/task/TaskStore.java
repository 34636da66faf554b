package dev.genqueue.apixo.simulator.task;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** All tasks ever submitted, kept for the simulator's lifetime (retention is open: docs/apixo-api.md §13.10). */
public final class TaskStore {

    private final ConcurrentHashMap<String, Task> tasks = new ConcurrentHashMap<>();

    /** Stores a task; answers false when its id is already taken. */
    public boolean add(Task task) {
        return tasks.putIfAbsent(task.id(), task) == null;
    }

    public Optional<Task> find(String id) {
        return Optional.ofNullable(id == null ? null : tasks.get(id));
    }

    public boolean contains(String id) {
        return tasks.containsKey(id);
    }

    public Collection<Task> all() {
        return tasks.values();
    }

    public int size() {
        return tasks.size();
    }
}
