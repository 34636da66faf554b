package dev.genqueue.worker.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** This worker's name in leases and logs: the configured instance id, else host name and process id. */
@ApplicationScoped
public class WorkerIdentity {

    private final String id;

    WorkerIdentity(WorkerConfig config) {
        this.id = config.instanceId().filter(value -> !value.isBlank()).orElseGet(WorkerIdentity::derived);
    }

    public String id() {
        return id;
    }

    private static String derived() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "worker";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
