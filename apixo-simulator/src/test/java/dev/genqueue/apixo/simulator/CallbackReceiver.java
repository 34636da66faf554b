package dev.genqueue.apixo.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook receiver on a free local port that answers scripted statuses and records every delivery. */
final class CallbackReceiver implements AutoCloseable {

    /** One POST received. */
    record Delivery(long receivedAt, String contentType, JsonNode body) {
        String taskId() {
            return body.get("data").get("taskId").asText();
        }

        String state() {
            return body.get("data").get("state").asText();
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile int defaultStatus = 200;

    CallbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            deliveries.add(new Delivery(System.currentTimeMillis(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), ApiClient.JSON.readTree(body)));
            Integer scripted = script.poll();
            exchange.sendResponseHeaders(scripted != null ? scripted : defaultStatus, -1);
            exchange.close();
        });
        // a receiver that reads the delivery and never answers, to exercise the callback timeout
        server.createContext("/hang", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            deliveries.add(new Delivery(System.currentTimeMillis(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), ApiClient.JSON.readTree(body)));
        });
        server.start();
    }

    /** The next deliveries get these statuses, then {@link #answerAlways(int)}'s. */
    CallbackReceiver answerNext(int... statuses) {
        for (int status : statuses) {
            script.add(status);
        }
        return this;
    }

    CallbackReceiver answerAlways(int status) {
        defaultStatus = status;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    String hangingUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hang";
    }

    List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    List<Delivery> deliveriesFor(String taskId) {
        return deliveries.stream().filter(delivery -> delivery.taskId().equals(taskId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
