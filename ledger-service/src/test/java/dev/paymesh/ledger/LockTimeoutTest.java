package dev.paymesh.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;

/**
 * The ledger's connections give up waiting for a lock (lock_timeout, application.properties): it answers 503 with a
 * problem, as for any storage failure.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class LockTimeoutTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aTransitionThatWaitsTooLongForTheRowLockIsUnavailable() throws Exception {
        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            // PAY001 is row 1: the public id is the row id, formatted (Payment.reference).
            statement.execute("SELECT id FROM payment WHERE id = 1 FOR UPDATE");
            try {
                // A bounded wait: without the lock timeout the request would wait for the lock as long as it is held.
                // The holder is a JDBC connection of the test's own, without the ledger's lock_timeout.
                given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 30_000)))
                        .contentType(ContentType.JSON).body("{\"action\":\"approve\"}")
                        .post("/ledger/payments/PAY001/transitions")
                        .then().statusCode(503).contentType("application/problem+json")
                        .body("detail", equalTo("The ledger's database is unavailable"));
            } finally {
                holder.rollback();
            }
        }
        given().get("/ledger/payments/PAY001").then().statusCode(200).body("status", equalTo("PENDING"));
    }
}
