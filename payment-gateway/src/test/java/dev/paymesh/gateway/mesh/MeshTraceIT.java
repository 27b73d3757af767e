package dev.paymesh.gateway.mesh;

import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.paymesh.gateway.mesh.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/**
 * The mesh end to end: three service processes and a real PostgreSQL on loopback, every assertion on the trace made
 * from the OTLP bytes the services exported. Outage cases run last and restart what they stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeshTraceIT {

    static final String LAB_PAYMENT = """
            {"amount":100.50,"currency":"EUR","customerId":"CUST001","description":"Test payment"}""";
    static final Duration EXPORT_WAIT = Duration.ofSeconds(20);
    /** Far beyond any answer of the mesh (its fraud and ledger budgets are 15 s per attempt, in Mesh). */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);
    /** gateway SERVER, validate, 3 step spans, 2 x (ledger CLIENT, SERVER, SQL), fraud CLIENT and SERVER. */
    static final int LAB_TRACE_SPANS = 13;
    /** What Prometheus sends with scrape_protocols: [OpenMetricsText1.0.0]. */
    static final String OPENMETRICS_ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.5,*/*;q=0.1";

    static Mesh mesh;
    /**
     * The traces checked so far and their span counts: none may gain a span later (a late duplicate, retry or detached
     * export), which a check that waited for at least its spans could not see.
     */
    static final Map<String, Integer> checkedTraces = new ConcurrentHashMap<>();
    /** Trace id a caller sent unsampled → the payment it made: no service may export a span of either. */
    static final Map<String, String> unsampledTraces = new ConcurrentHashMap<>();

    @BeforeAll
    static void startMesh() throws Exception {
        mesh = Mesh.start();
    }

    @AfterAll
    static void stopMesh() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    /**
     * JSON numbers with a fraction read as BigDecimal, so money is compared exactly (RestAssured's default is float);
     * a gateway that never answers fails the test instead of hanging the build.
     */
    static RequestSpecification gateway() {
        return given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL))
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", (int) CALL_TIMEOUT.toMillis())))
                .baseUri(mesh.gateway.url()).contentType(ContentType.JSON);
    }

    @Test
    @Order(1)
    void theLabsCommandsWorkAsWritten() {
        given().baseUri(mesh.gateway.url()).get("/health").then().statusCode(200).body("status", equalTo("UP"));
        gateway().get("/api/payments").then().statusCode(200).body("items.id", hasItem("PAY001"));
        gateway().get("/api/payments/PAY001").then().statusCode(200).body("status", equalTo("PENDING"));
        gateway().body("""
                {"paymentId":"PAY001","action":"approve"}""").post("/api/payments/process")
                .then().statusCode(200).body("status", equalTo("APPROVED"));
        gateway().body("""
                {"paymentId":"PAY001","action":"approve"}""").post("/api/payments/process")
                .then().statusCode(409).contentType("application/problem+json");
        gateway().body("""
                {"paymentId":"PAY424242","action":"approve"}""").post("/api/payments/process")
                .then().statusCode(404).contentType("application/problem+json");
        gateway().get("/api/payments?customerId=CUST003&status=PENDING_REVIEW").then().statusCode(200)
                .body("items.id", hasItem("PAY003")).body("totalItems", is(1));
    }

    @Test
    @Order(2)
    void labPaymentYieldsTheLabTraceAcrossThreeProcesses() {
        String id = gateway().body(LAB_PAYMENT).post("/api/payments").then().statusCode(201)
                .header("Location", notNullValue())
                .body("status", equalTo("PENDING")).body("fraudDecision", equalTo("APPROVE"))
                .extract().path("id");

        TraceTree trace = completeTraceOf(id);
        assertLabTree(trace, id);

        ReceivedSpan server = trace.only("payment-gateway", "POST /api/payments");
        assertAll("business and HTTP attributes",
                // A double, so TraceQL compares it: a string attribute would read "100.50".
                () -> assertEquals("100.5", server.attribute("payment.amount")),
                () -> assertEquals("EUR", server.attribute("payment.currency")),
                () -> assertEquals("PENDING", server.attribute("payment.status")),
                () -> assertEquals("CUST001", server.attribute("customer.id")),
                () -> assertEquals("APPROVE", server.attribute("fraud.decision")),
                () -> assertEquals("0", server.attribute("fraud.score")),
                () -> assertEquals("POST", server.attribute("http.request.method")),
                () -> assertEquals("/api/payments", server.attribute("http.route")),
                () -> assertEquals("/api/payments", server.attribute("url.path")),
                () -> assertEquals("201", server.attribute("http.response.status_code")));
        ReceivedSpan validate = trace.childOf(server, "payment-gateway", SPAN_KIND_INTERNAL, "Validate Payment");
        assertEquals(List.of("100.5", "EUR", "CUST001"), List.of(validate.attribute("payment.amount"),
                validate.attribute("payment.currency"), validate.attribute("customer.id")), "the input as received");
        ReceivedSpan fraudServer = trace.only("fraud-service", "GET /fraud-check");
        assertEquals("APPROVE", fraudServer.attribute("fraud.decision"));
        assertEquals("0", fraudServer.attribute("fraud.score"));
        ReceivedSpan external = trace.childOf(server, "payment-gateway", SPAN_KIND_INTERNAL, "External API Call");
        assertEquals("APPROVE", external.attribute("fraud.decision"));
        assertEquals("0", external.attribute("fraud.score"));
        ReceivedSpan fraudCall = trace.childOf(external, "payment-gateway", SPAN_KIND_CLIENT, "GET");
        URI fraudUrl = URI.create(mesh.fraud.urlByName());
        assertAll("HTTP CLIENT attributes of " + fraudCall,
                () -> assertEquals("GET", fraudCall.attribute("http.request.method")),
                () -> assertTrue(fraudCall.attribute("url.full").startsWith(mesh.fraud.urlByName() + "/fraud-check?"),
                        fraudCall.attribute("url.full")),
                () -> assertEquals(fraudUrl.getHost(), fraudCall.attribute("server.address")),
                () -> assertEquals(Integer.toString(fraudUrl.getPort()), fraudCall.attribute("server.port")),
                () -> assertEquals("200", fraudCall.attribute("http.response.status_code")));
        ReceivedSpan insert = trace.only("ledger-service", "INSERT payment");
        assertEquals(List.of("INSERT", "payment"), List.of(insert.attribute("db.operation"), insert.attribute("db.sql.table")));
        ReceivedSpan ledgerWrite = trace.only("ledger-service", "POST /ledger/payments");
        assertEquals(List.of(id, "PENDING", "CUST001"), List.of(ledgerWrite.attribute("payment.id"),
                ledgerWrite.attribute("payment.status"), ledgerWrite.attribute("customer.id")));

        // The lab's "Logs for this span": each service logged the payment as JSON with the trace's id and the id of
        // its own SERVER span, the span that was current for the request's work.
        Map<ServiceProcess, String> loggingSpans = Map.of(mesh.gateway, "POST /api/payments", mesh.fraud, "GET /fraud-check",
                mesh.ledger, "POST /ledger/payments");
        loggingSpans.forEach((service, spanName) -> awaitJsonLogLine(service,
                trace.only(service.module(), spanName), ""));

        String version = System.getProperty("project.version");
        assertNotNull(version, "project.version, set by failsafe (run through Maven)");
        for (ReceivedSpan span : trace.spans()) {
            assertAll("resource of " + span.service() + " '" + span.name() + "'",
                    () -> assertTrue(List.of("payment-gateway", "fraud-service", "ledger-service").contains(span.service())),
                    () -> assertEquals(version, span.resource().get("service.version")),
                    () -> assertEquals("paymesh", span.resource().get("service.namespace")),
                    () -> assertEquals("e2e", span.resource().get("deployment.environment.name")));
        }
    }

    @Test
    @Order(3)
    void fiftyConcurrentPaymentsEachYieldOneCompleteTrace() {
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 50)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(URI.create(mesh.gateway.url() + "/api/payments"))
                        .timeout(CALL_TIMEOUT).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"amount":%d.25,"currency":"EUR","customerId":"CONC%d","description":"Concurrent #%d"}"""
                                .formatted(10 + i, i, i)))
                        .build(), HttpResponse.BodyHandlers.ofString()))
                .toList();

        List<String> ids = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.join();
            assertEquals(201, response.statusCode(), response.body());
            Matcher id = Pattern.compile("\"id\":\"(PAY\\d+)\"").matcher(response.body());
            assertTrue(id.find(), response.body());
            ids.add(id.group(1));
        }
        assertEquals(50, ids.stream().distinct().count());
        for (String id : ids) {
            assertLabTree(completeTraceOf(id), id);
        }
        // A DB span detached from its request would sit in a trace of its own: there must be none.
        List<ReceivedSpan> detached = mesh.otlp.spans().stream()
                .filter(span -> span.attribute("db.system") != null && span.parentSpanId().isEmpty()).toList();
        assertTrue(detached.isEmpty(), "detached SQL spans: " + detached);
    }

    @Test
    @Order(4)
    void idempotencyKeyReturnsTheSamePaymentAndStoresOneRow() {
        String key = UUID.randomUUID().toString();
        String body = """
                {"amount":55.00,"currency":"EUR","customerId":"IDEM1","description":"once"}""";
        String first = gateway().header("Idempotency-Key", key).body(body).post("/api/payments")
                .then().statusCode(201).extract().path("id");
        Traceparent replay = Traceparent.random();
        gateway().header("Idempotency-Key", key).header("traceparent", replay.header(true)).body(body).post("/api/payments")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        // The replay's trace names the payment on both sides of the lookup.
        TraceTree replayTrace = await("trace of the replay of " + first).atMost(EXPORT_WAIT)
                .until(() -> new TraceTree(mesh.otlp.trace(replay.traceId())),
                        tree -> tree.spans().stream().map(ReceivedSpan::name).toList()
                                .containsAll(List.of("GET /ledger/payments/by-idempotency-key", "POST /api/payments")));
        assertEquals(first, replayTrace.only("ledger-service", "GET /ledger/payments/by-idempotency-key").attribute("payment.id"));
        assertEquals(first, replayTrace.only("payment-gateway", "POST /api/payments").attribute("payment.id"));
        gateway().header("Idempotency-Key", key).body(body.replace("55.00", "56.00")).post("/api/payments")
                .then().statusCode(422).contentType("application/problem+json").body("status", is(422));
        gateway().get("/api/payments?customerId=IDEM1").then().statusCode(200).body("totalItems", is(1))
                .body("items[0].amount", comparesEqualTo(new BigDecimal("55.00")));
    }

    @Test
    @Order(8)
    void keysThatAUrlPathWouldAlterKeepTheirPaymentsApart() {
        String key = UUID.randomUUID().toString();
        String first = gateway().header("Idempotency-Key", key).body("""
                {"amount":11.00,"currency":"EUR","customerId":"KEYS1"}""").post("/api/payments")
                .then().statusCode(201).extract().path("id");
        for (String other : List.of(key + ";retry=2", key + "/..", key + "/.")) {
            String id = gateway().header("Idempotency-Key", other).body("""
                    {"amount":999.00,"currency":"EUR","customerId":"KEYS2"}""").post("/api/payments")
                    .then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("id");
            assertNotEquals(first, id, "key " + other);
        }
        gateway().get("/api/payments?customerId=KEYS2").then().statusCode(200).body("totalItems", is(3));
    }

    @Test
    @Order(5)
    void twentyConcurrentProcessCallsMakeExactlyOneTransition() {
        String id = gateway().body("""
                {"amount":70.00,"currency":"EUR","customerId":"RACE1","description":"race"}""")
                .post("/api/payments").then().statusCode(201).extract().path("id");
        HttpClient http = HttpClient.newHttpClient();
        List<Integer> statuses = IntStream.range(0, 20)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(URI.create(mesh.gateway.url() + "/api/payments/process"))
                        .timeout(CALL_TIMEOUT).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"paymentId\":\"" + id + "\",\"action\":\"approve\"}"))
                        .build(), HttpResponse.BodyHandlers.discarding()))
                .toList().stream().map(call -> call.join().statusCode()).toList();

        assertEquals(1, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        given().baseUri(mesh.ledger.url()).get("/ledger/journal/payments/" + id).then().statusCode(200)
                .body("size()", is(2));
        // Read as BigDecimal: floats would not tell two sums a cent apart.
        JsonPath balance = JsonPath.from(given().baseUri(mesh.ledger.url()).get("/ledger/journal/balance").then()
                .statusCode(200).extract().asString()).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        BigDecimal debits = balance.get("find { it.currency == 'EUR' }.debits");
        BigDecimal credits = balance.get("find { it.currency == 'EUR' }.credits");
        assertTrue(debits.compareTo(new BigDecimal("70.00")) >= 0 && debits.compareTo(credits) == 0,
                "EUR debits " + debits + ", credits " + credits);
    }

    @Test
    @Order(6)
    void requestMetricsAreHistogramsWithExemplars() throws Exception {
        Path scrapes = Path.of("target", "metrics");
        Files.createDirectories(scrapes);
        for (ServiceProcess service : List.of(mesh.gateway, mesh.fraud, mesh.ledger)) {
            String openMetrics = given().baseUri(service.url()).header("Accept", OPENMETRICS_ACCEPT)
                    .get("/q/metrics").then().statusCode(200).extract().asString();
            // Kept for the dashboard check in .ci/run: every metric the dashboard queries must exist in a real scrape.
            Files.writeString(scrapes.resolve(service.module() + ".prom"), openMetrics);
            assertTrue(openMetrics.contains("http_server_requests_seconds_bucket{"), service.module());
            assertTrue(Pattern.compile("http_server_requests_seconds_bucket\\{[^}]*service=\"" + service.module() + "\"")
                    .matcher(openMetrics).find(), "service label on " + service.module());
            // Time buckets on byte counts or connection meters would be series that mean nothing.
            List<String> otherHistograms = openMetrics.lines().filter(line -> line.contains("_bucket{"))
                    .map(line -> line.substring(0, line.indexOf("_bucket{")))
                    .filter(name -> !name.equals("http_server_requests_seconds") && !name.equals("http_client_requests_seconds"))
                    .distinct().toList();
            assertEquals(List.of(), otherHistograms, "histograms other than the HTTP request timers on " + service.module());
        }
        String gatewayMetrics = Files.readString(scrapes.resolve("payment-gateway.prom"));
        assertTrue(Pattern.compile("http_server_requests_seconds_bucket\\{[^}]*\\} [0-9.]+ # \\{[^}]*trace_id=\"[0-9a-f]{32}\"")
                .matcher(gatewayMetrics).find(), "an exemplar with a trace id on the gateway's histogram");
        assertTrue(gatewayMetrics.contains("http_client_requests_seconds_bucket{"), "client histogram");
    }

    @Test
    @Order(7)
    void baggageFromTheCallerCrossesTheGatewayToFraudService() {
        String id = gateway().header("baggage", "paymesh.fault=fraud-error").body(LAB_PAYMENT).post("/api/payments")
                .then().statusCode(201).body("status", equalTo("PENDING_REVIEW")).extract().path("id");

        // Each process exports on its own schedule: wait for the ledger's INSERT and for fraud-service's three spans.
        TraceTree trace = await().atMost(EXPORT_WAIT).until(() -> mesh.traceOfPayment(id),
                tree -> tree != null && tree.spans().stream().anyMatch(s -> s.name().equals("INSERT payment"))
                        && fraudServersOf(tree).size() >= 3);
        List<ReceivedSpan> fraudServers = fraudServersOf(trace);
        // fraud-service only fails when the baggage entry reached it; every retry carried it too.
        assertEquals(3, fraudServers.size(), trace.toString());
        assertTrue(fraudServers.stream().allMatch(span -> "503".equals(span.attribute("http.response.status_code"))),
                trace.toString());
        // @Retry(maxRetries = 2): the first call and two retries, sibling CLIENT spans under the one step span.
        ReceivedSpan external = trace.childOf(trace.only("payment-gateway", "POST /api/payments"), "payment-gateway",
                SPAN_KIND_INTERNAL, "External API Call");
        List<ReceivedSpan> attempts = trace.childrenOf(external);
        assertEquals(3, attempts.size(), trace.toString());
        assertTrue(attempts.stream().allMatch(attempt -> attempt.kind() == SPAN_KIND_CLIENT
                && attempt.status() == StatusCode.STATUS_CODE_ERROR
                && trace.childrenOf(attempt).stream().anyMatch(fraudServers::contains)), trace.toString());
        // The lab's 13 spans with two more CLIENT attempts and their two fraud-service SERVER spans.
        checkedTraces.put(external.traceId(), LAB_TRACE_SPANS + 4);
    }

    @Test
    @Order(9)
    void processIsOneTraceFromTheGatewayDownToTheJournalInserts() {
        String id = gateway().body("""
                {"amount":30.00,"currency":"EUR","customerId":"PROC1"}""").post("/api/payments")
                .then().statusCode(201).extract().path("id");
        Traceparent caller = Traceparent.random();
        gateway().header("traceparent", caller.header(true))
                .body("{\"paymentId\":\"" + id + "\",\"action\":\"approve\"}").post("/api/payments/process")
                .then().statusCode(200).body("status", equalTo("APPROVED"));

        // The approve's four statements end before ledger-service's SERVER span, which ends before the gateway's.
        TraceTree trace = await("trace of the approve of " + id).atMost(EXPORT_WAIT)
                .until(() -> new TraceTree(mesh.otlp.trace(caller.traceId())), tree -> tree.spans().size() >= 7);
        ReceivedSpan server = trace.only("payment-gateway", "POST /api/payments/process");
        assertEquals(caller.parentSpanId(), server.parentSpanId(), "the caller's span is the parent");
        ReceivedSpan call = trace.childOf(server, "payment-gateway", SPAN_KIND_CLIENT, "POST");
        ReceivedSpan ledgerServer = trace.childOf(call, "ledger-service", SPAN_KIND_SERVER,
                "POST /ledger/payments/{id}/transitions");
        assertEquals(List.of("INSERT journal_line", "INSERT journal_line", "SELECT payment", "UPDATE payment"),
                trace.childrenOf(ledgerServer).stream().map(ReceivedSpan::name).sorted().toList(), "\n" + trace);
        assertEquals(7, trace.spans().size(), "\n" + trace);
        checkedTraces.put(caller.traceId(), 7);
    }

    @Test
    @Order(10)
    void aCallersUnsampledTraceIsNotRecordedByAnyService() {
        // parentbased_traceidratio: a caller's sampled flag 00 decides for the gateway, and the gateway's for the others.
        Traceparent caller = Traceparent.random();
        String id = gateway().header("traceparent", caller.header(false))
                .body(LAB_PAYMENT).post("/api/payments").then().statusCode(201).extract().path("id");
        unsampledTraces.put(caller.traceId(), id);
        // Checked once every service has stopped and flushed its exporter (the last test).
    }

    @Test
    @Order(11)
    void fraudServiceDownHoldsThePaymentForReviewAndShowsAnErrorSpan() throws Exception {
        mesh.fraud.stop();
        try {
            String id = gateway().body(LAB_PAYMENT).post("/api/payments").then().statusCode(201)
                    .body("status", equalTo("PENDING_REVIEW")).body("fraudDecision", equalTo("UNAVAILABLE"))
                    .body("fraudScore", nullValue()).extract().path("id");

            TraceTree trace = await().atMost(EXPORT_WAIT).until(() -> mesh.traceOfPayment(id),
                    tree -> tree != null && tree.spans().stream().anyMatch(s -> s.name().equals("INSERT payment")));
            ReceivedSpan server = trace.only("payment-gateway", "POST /api/payments");
            ReceivedSpan external = trace.childOf(server, "payment-gateway", SPAN_KIND_INTERNAL, "External API Call");
            assertEquals(StatusCode.STATUS_CODE_ERROR, external.status(), trace.toString());
            assertTrue(external.eventNames().contains("exception"), "exception recorded on " + external);
            assertTrue(trace.spans().stream().noneMatch(span -> span.service().equals("fraud-service")));
            assertEquals("PENDING_REVIEW", server.attribute("payment.status"));
            assertEquals("UNAVAILABLE", server.attribute("fraud.decision"));
            assertNull(server.attribute("fraud.score"), "a payment nobody scored has no score");

            awaitJsonLogLine(mesh.gateway, server, "Fraud check failed");
        } finally {
            mesh.fraud.start();
        }
    }

    @Test
    @Order(12)
    void ledgerDownIsA503ProblemNotACreatedPaymentAndOpensTheCircuitUntilItIsBack() throws Exception {
        mesh.ledger.stop();
        try {
            // Three attempts per payment: the lookup's circuit (its last 20 calls, half of them failed) opens within a
            // few payments, and the later ones are refused without a call.
            for (int i = 0; i < 10; i++) {
                gateway().header("Idempotency-Key", UUID.randomUUID().toString()).body(LAB_PAYMENT).post("/api/payments")
                        .then().statusCode(503).contentType("application/problem+json").body("status", is(503))
                        .body("detail", containsString("same Idempotency-Key"));
            }
            // SmallRye Fault Tolerance counts each opening: the lookup's circuit opened at least once.
            Pattern lookupCircuitOpened = Pattern.compile("ft_circuitbreaker_opened_total\\{method=\""
                    + Pattern.quote("dev.paymesh.gateway.ledger.LedgerClient.findByIdempotencyKey") + "\"[^}]*\\} [1-9]");
            String metrics = given().baseUri(mesh.gateway.url()).get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(lookupCircuitOpened.matcher(metrics).find(), "the lookup's circuit opened:\n"
                    + metrics.lines().filter(line -> line.startsWith("ft_circuitbreaker_opened_total")).toList());
            await("the gateway logs an open circuit").atMost(EXPORT_WAIT)
                    .until(() -> mesh.gateway.output().contains("CircuitBreakerOpenException"));
        } finally {
            mesh.ledger.start();
        }
        // Half-open after 5 s, closed after two successful calls: payments are stored again without a restart.
        await("payments stored again once the ledger is back").atMost(EXPORT_WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> gateway().body(LAB_PAYMENT).post("/api/payments").statusCode() == 201);
    }

    @Test
    @Order(13)
    void onceEveryExporterFlushedCheckedTracesAreUnchangedAndUnsampledOnesAbsent() {
        // A stopped service flushes its span exporter: whatever any service still held has now arrived.
        mesh.gateway.stop();
        mesh.fraud.stop();
        mesh.ledger.stop();
        assertFalse(checkedTraces.isEmpty());
        checkedTraces.forEach((traceId, spans) -> {
            TraceTree trace = new TraceTree(mesh.otlp.trace(traceId));
            assertEquals(spans, trace.spans().size(), "late duplicate or detached spans in\n" + trace);
        });
        assertFalse(unsampledTraces.isEmpty());
        unsampledTraces.forEach((traceId, paymentId) -> {
            assertEquals(List.of(), mesh.otlp.trace(traceId), "spans of a trace its caller did not sample");
            // Nor in a trace of its own: a service that dropped the caller's flag would start a new, sampled root.
            assertEquals(List.of(), mesh.otlp.spans().stream()
                    .filter(span -> paymentId.equals(span.attribute("payment.id"))).toList(),
                    "spans of payment " + paymentId + ", whose caller did not sample");
        });
    }

    /** Waits until the service has logged a JSON line, containing the text, under the span's trace and span ids. */
    static void awaitJsonLogLine(ServiceProcess service, ReceivedSpan span, String text) {
        await(service.module() + " logs a JSON line with trace_id " + span.traceId() + ", span_id " + span.spanId()
                + " and '" + text + "'").atMost(EXPORT_WAIT)
                .until(() -> service.output().lines().anyMatch(line -> line.startsWith("{")
                        && line.contains("\"trace_id\":\"" + span.traceId() + "\"")
                        && line.contains("\"span_id\":\"" + span.spanId() + "\"") && line.contains(text)));
    }

    static List<ReceivedSpan> fraudServersOf(TraceTree trace) {
        return trace.spans().stream()
                .filter(span -> span.service().equals("fraud-service") && span.kind() == SPAN_KIND_SERVER).toList();
    }

    /** Waits until the trace of the payment holds the whole lab tree, then returns it. */
    static TraceTree completeTraceOf(String paymentId) {
        return await("complete trace of " + paymentId).atMost(EXPORT_WAIT)
                .until(() -> mesh.traceOfPayment(paymentId),
                        tree -> tree != null && tree.spans().size() >= LAB_TRACE_SPANS);
    }

    /** The trace contract's tree for POST /api/payments (README, "Trace contract"). */
    static void assertLabTree(TraceTree trace, String paymentId) {
        String tree = "\n" + trace;
        assertEquals(1, trace.roots().size(), "one root" + tree);
        assertTrue(trace.orphans().isEmpty(), "no orphans" + tree);
        assertEquals(LAB_TRACE_SPANS, trace.spans().size(), "no duplicate or missing spans" + tree);

        ReceivedSpan server = trace.roots().get(0);
        assertEquals("payment-gateway", server.service());
        assertEquals(SPAN_KIND_SERVER, server.kind());
        assertEquals("POST /api/payments", server.name());
        assertEquals(paymentId, server.attribute("payment.id"));

        trace.childOf(server, "payment-gateway", SPAN_KIND_INTERNAL, "Validate Payment");

        assertLedgerHop(trace, server, "Database Query", "GET", "GET /ledger/payments/by-idempotency-key", "SELECT",
                "select ");

        ReceivedSpan external = trace.childOf(server, "payment-gateway", SPAN_KIND_INTERNAL, "External API Call");
        ReceivedSpan fraudCall = trace.childOf(external, "payment-gateway", SPAN_KIND_CLIENT, "GET");
        trace.childOf(fraudCall, "fraud-service", SPAN_KIND_SERVER, "GET /fraud-check");

        assertLedgerHop(trace, server, "Database Write", "POST", "POST /ledger/payments", "INSERT", "insert into payment");

        assertFalse(trace.spans().stream().anyMatch(span -> span.status() == StatusCode.STATUS_CODE_ERROR), "no errors" + tree);
        checkedTraces.put(server.traceId(), LAB_TRACE_SPANS);
    }

    /** step span → gateway CLIENT → ledger SERVER → SQL CLIENT span with db.system=postgresql and its statement. */
    static void assertLedgerHop(TraceTree trace, ReceivedSpan server, String step, String method, String ledgerRoute,
            String sqlOperation, String statementStart) {
        ReceivedSpan stepSpan = trace.childOf(server, "payment-gateway", SPAN_KIND_INTERNAL, step);
        ReceivedSpan call = trace.childOf(stepSpan, "payment-gateway", SPAN_KIND_CLIENT, method);
        ReceivedSpan ledgerServer = trace.childOf(call, "ledger-service", SPAN_KIND_SERVER, ledgerRoute);
        ReceivedSpan sql = trace.childOf(ledgerServer, "ledger-service", SPAN_KIND_CLIENT, sqlOperation);
        assertEquals("postgresql", sql.attribute("db.system"), "\n" + trace);
        assertTrue(sql.attribute("db.statement").startsWith(statementStart), "\n" + trace);
    }
}
