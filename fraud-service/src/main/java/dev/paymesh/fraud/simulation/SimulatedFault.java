package dev.paymesh.fraud.simulation;

/** A failure that fraud-service stages on purpose; it answers 503 like an overloaded dependency would. */
public class SimulatedFault extends RuntimeException {

    public SimulatedFault(String message) {
        super(message);
    }
}
