package dev.paymesh.fraud;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

/** fraud-service's HTTP contract; {@code FraudServiceIT} runs the same tests against the packaged application. */
@QuarkusTest
public class FraudCheckResourceTest {

    protected static String freshCustomer() {
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

    @Test
    void aRetriedCheckOfOnePaymentCountsOnce() {
        String customer = freshCustomer();
        for (int i = 1; i <= 6; i++) {
            given().header("Idempotency-Key", customer + "-payment").queryParam("customerId", customer)
                    .queryParam("amount", "20").queryParam("currency", "EUR")
                    .get("/fraud-check").then().statusCode(200).body("decision", equalTo("APPROVE"));
        }
    }

    @Test
    void malformedIdempotencyKeyIsAProblem() {
        given().header("Idempotency-Key", "with space").queryParam("customerId", "CUST1").queryParam("amount", "20")
                .queryParam("currency", "EUR").get("/fraud-check").then().statusCode(400)
                .contentType("application/problem+json");
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
                .body("decision", equalTo("REVIEW")).body("reasons", hasItem(equalTo("more than 5 payments within 60 s")));
    }

    @ParameterizedTest
    @CsvSource(value = { "'',10,EUR", "CUST1,,EUR", "CUST1,abc,EUR", "CUST1,-5,EUR", "CUST1,10,eur", "CUST1,10,",
            "'CUST 1',10,EUR", "CUST1,1e5,EUR", "CUST1,1234567890123456,EUR" })
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
        request.get("/fraud-check").then().statusCode(400).contentType("application/problem+json")
                .body("status", is(400)).body("title", equalTo("Bad Request")).body("violations.size()", greaterThan(0));
    }

    @Test
    void baggageCanForceAnOutage() {
        given().header("baggage", "paymesh.fault=fraud-error")
                .queryParam("customerId", freshCustomer()).queryParam("amount", "10").queryParam("currency", "EUR")
                .get("/fraud-check").then().statusCode(503).contentType("application/problem+json");
    }

    @Test
    void unsupportedMethodIsAProblem() {
        given().post("/fraud-check").then()
                .statusCode(405).contentType("application/problem+json").body("status", is(405));
    }
}
