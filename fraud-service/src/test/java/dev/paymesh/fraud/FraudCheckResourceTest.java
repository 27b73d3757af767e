package dev.paymesh.fraud;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FraudCheckResourceTest {

    @Inject
    InMemorySpanExporter spans;

    private static String freshCustomer() {
        return "CUST-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void smallPaymentOfAKnownGoodCustomerIsApproved() {
        given().queryParam("customerId", freshCustomer()).queryParam("amount", "100.50").queryParam("currency", "EUR")
                .get("/fraud-check").then().statusCode(200)
                .body("score", is(0)).body("decision", equalTo("APPROVE")).body("reasons.size()", is(0));
    }

    @Test
    void blockedCustomerIsDeclined() {
        given().queryParam("customerId", "CUST666").queryParam("amount", "10").queryParam("currency", "EUR")
                .get("/fraud-check").then().statusCode(200)
                .body("score", is(100)).body("decision", equalTo("DECLINE"))
                .body("reasons", contains("customer CUST666 is blocked"));
    }

    @ParameterizedTest
    @CsvSource({ "4999.99,EUR,APPROVE", "5000,EUR,REVIEW", "10000,EUR,DECLINE", "9000,GBP,DECLINE", "9000,USD,REVIEW",
            "900000,JPY,REVIEW", "6000,SEK,REVIEW" })
    void amountThresholdsDependOnTheCurrency(String amount, String currency, String decision) {
        given().queryParam("customerId", freshCustomer()).queryParam("amount", amount).queryParam("currency", currency)
                .get("/fraud-check").then().statusCode(200).body("decision", equalTo(decision));
    }

    @Test
    void tooManyPaymentsInTheWindowNeedReview() {
        String customer = freshCustomer();
        for (int i = 1; i <= 5; i++) {
            given().queryParam("customerId", customer).queryParam("amount", "20").queryParam("currency", "EUR")
                    .get("/fraud-check").then().statusCode(200).body("decision", equalTo("APPROVE"));
        }
        given().queryParam("customerId", customer).queryParam("amount", "20").queryParam("currency", "EUR")
                .get("/fraud-check").then().statusCode(200)
                .body("decision", equalTo("REVIEW")).body("reasons", hasItem(startsWith("6 payments within 60 s")));
    }

    @ParameterizedTest
    @CsvSource(value = { "'',10,EUR", "CUST1,,EUR", "CUST1,abc,EUR", "CUST1,-5,EUR", "CUST1,10,eur", "CUST1,10,",
            "'CUST 1',10,EUR", "CUST1,1e5,EUR" })
    void malformedQueriesAreProblems(String customerId, String amount, String currency) {
        var request = given();
        if (customerId != null) {
            request.queryParam("customerId", customerId);
        }
        if (amount != null) {
            request.queryParam("amount", amount);
        }
        if (currency != null) {
            request.queryParam("currency", currency);
        }
        request.get("/fraud-check").then().statusCode(400).contentType("application/problem+json").body("status", is(400));
    }

    @Test
    void baggageCanForceAnOutage() {
        given().header("baggage", "paymesh.fault=fraud-error")
                .queryParam("customerId", freshCustomer()).queryParam("amount", "10").queryParam("currency", "EUR")
                .get("/fraud-check").then().statusCode(503).contentType("application/problem+json");
    }

    @Test
    void serverSpanCarriesTheDecision() {
        spans.reset();
        String customer = freshCustomer();
        given().queryParam("customerId", customer).queryParam("amount", "5000").queryParam("currency", "EUR")
                .get("/fraud-check").then().statusCode(200);

        SpanData server = await().atMost(Duration.ofSeconds(10)).until(
                () -> spans.getFinishedSpanItems().stream()
                        .filter(span -> span.getKind() == SpanKind.SERVER
                                && customer.equals(span.getAttributes().get(AttributeKey.stringKey("customer.id"))))
                        .findFirst().orElse(null),
                span -> span != null);
        assertEquals("GET /fraud-check", server.getName());
        assertEquals("REVIEW", server.getAttributes().get(AttributeKey.stringKey("fraud.decision")));
        assertEquals(50L, server.getAttributes().get(AttributeKey.longKey("fraud.score")));
    }
}
