package dev.paymesh.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL from Maven-packaged binaries: this machine and CI have no Docker for Dev Services. An init arg
 * {@value #LOCK_TIMEOUT} sets the database's {@code lock_timeout} before the service connects.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String LOCK_TIMEOUT = "lock_timeout";

    private EmbeddedPostgres postgres;
    private String lockTimeout;

    @Override
    public void init(Map<String, String> initArgs) {
        lockTimeout = initArgs.get(LOCK_TIMEOUT);
    }

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder().start();
            if (lockTimeout != null) {
                try (Connection connection = postgres.getPostgresDatabase().getConnection();
                        Statement statement = connection.createStatement()) {
                    statement.execute("ALTER DATABASE postgres SET lock_timeout = '" + lockTimeout + "'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set lock_timeout", e);
        }
        String hostAndPort = "localhost:" + postgres.getPort() + "/postgres";
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + hostAndPort,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostAndPort,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
