package dev.paymesh.fraud;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Thresholds for a currency the properties do not list, as an environment variable sets them: SmallRye Config turns
 * FRAUD_RULES_THRESHOLDS_SEK_REVIEW into the lower-case key fraud.rules.thresholds.sek.review (checked by hand against
 * the packaged service), which is given here directly and must still apply to SEK.
 */
@QuarkusTest
@TestProfile(CurrencySetByEnvironmentTest.SekByEnvironment.class)
class CurrencySetByEnvironmentTest {

    public static class SekByEnvironment implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fraud.rules.thresholds.sek.review", "100", "fraud.rules.thresholds.sek.decline", "200");
        }
    }

    @Test
    void aCurrencyNamedInLowerCaseGetsItsOwnThresholds() {
        given().queryParam("customerId", "CUST-SEK").queryParam("amount", "150").queryParam("currency", "SEK")
                .get("/fraud-check").then().statusCode(200).body("decision", equalTo("REVIEW"));
    }
}
