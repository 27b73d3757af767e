package dev.paymesh.gateway.mesh;

import java.security.SecureRandom;
import java.util.HexFormat;

/** A caller's W3C trace context with random ids, so a test finds its own trace among everything exported. */
public record Traceparent(String traceId, String parentSpanId) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static Traceparent random() {
        byte[] ids = new byte[24];
        RANDOM.nextBytes(ids);
        return new Traceparent(HexFormat.of().formatHex(ids, 0, 16), HexFormat.of().formatHex(ids, 16, 24));
    }

    /** The {@code traceparent} header: version 00, and the caller's sampling decision. */
    public String header(boolean sampled) {
        return "00-" + traceId + "-" + parentSpanId + (sampled ? "-01" : "-00");
    }
}
