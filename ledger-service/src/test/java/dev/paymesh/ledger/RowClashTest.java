package dev.paymesh.ledger;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A payment PostgreSQL refuses on a unique constraint other than the idempotency key's (here its id, taken by a row
 * written beside the ledger): the refusal stays a problem, never a 500 from a lookup that finds no winner.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class RowClashTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aClashOnAnotherUniqueConstraintKeepsItsOwnFailure() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            ResultSet next = statement.executeQuery("select nextval(pg_get_serial_sequence('payment', 'id'))");
            next.next();
            // The id the ledger's next insert will be given, taken first.
            statement.execute("insert into payment (id, amount, currency, customer_id, status, created_at, updated_at) "
                    + "values (" + (next.getLong(1) + 1) + ", 1, 'EUR', 'OUTSIDE', 'PENDING', now(), now())");
        }
        String key = UUID.randomUUID().toString();
        Map<String, Object> payment = PaymentResourceTest.newPayment(key);

        given().contentType(ContentType.JSON).body(payment).post("/ledger/payments").then()
                .statusCode(400).contentType("application/problem+json");
        given().header("Idempotency-Key", key).get("/ledger/payments/by-idempotency-key").then().statusCode(204);
        // The identity has moved past the taken id: the same request is stored now.
        given().contentType(ContentType.JSON).body(payment).post("/ledger/payments").then().statusCode(201);
    }
}
