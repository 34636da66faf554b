package dev.genqueue.stack.service;

import dev.genqueue.stack.process.HttpProbe;
import dev.genqueue.stack.process.SupervisedProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A packaged Quarkus service ({@code <module>/target/quarkus-app/quarkus-run.jar}) on 127.0.0.1, ready when
 * {@code /q/health/ready} answers 200. A graceful stop sends SIGTERM, as Kubernetes does.
 */
public final class ServiceProcess extends SupervisedProcess {

    /** Inherited variables that would change a service's configuration. */
    private static final List<String> CONFIG_PREFIXES = List.of("QUARKUS_", "GENQUEUE_", "KAFKA_", "APIXO_", "MP_");

    private final Settings settings;

    /**
     * @param name        process name, also the log file's name
     * @param jar         the service's {@code quarkus-run.jar}
     * @param logFile     where its output goes
     * @param port        HTTP port on 127.0.0.1
     * @param environment configuration as environment variables ({@code KAFKA_BOOTSTRAP_SERVERS}, ...)
     * @param jvmOptions  options before {@code -jar}, e.g. the heap size
     * @param inherit     whether configuration variables of the launching shell reach the service
     */
    public record Settings(String name, Path jar, Path logFile, int port, Map<String, String> environment,
            List<String> jvmOptions, boolean inherit) {

        public Settings {
            environment = Map.copyOf(environment);
            jvmOptions = List.copyOf(jvmOptions);
        }
    }

    public ServiceProcess(Settings settings) {
        super(settings.name(), settings.logFile());
        this.settings = settings;
    }

    /** The service's root URL, e.g. {@code http://127.0.0.1:8080}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + settings.port();
    }

    public int port() {
        return settings.port();
    }

    public Settings settings() {
        return settings;
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(settings.jvmOptions());
        command.add("-jar");
        command.add(settings.jar().toString());
        return command;
    }

    @Override
    protected Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(settings.environment());
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(settings.port()));
        return overlay(env, settings.inherit(), CONFIG_PREFIXES);
    }

    @Override
    protected boolean isReady() {
        return HttpProbe.isOk(baseUrl() + "/q/health/ready");
    }
}
