package dev.paymesh.gateway.mesh;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.core.ConditionTimeoutException;

/**
 * One paymesh service as a separate operating-system process, started from its packaged build: the fast-jar, or
 * the native executable when that is what the module built (-Pnative).
 */
public final class ServiceProcess implements AutoCloseable {

    /** HTTP/1.1, as Kubernetes probes speak it (Java's client would try h2c, which a stopping Quarkus ends). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private static final Path LOG_DIRECTORY = Path.of("target", "mesh-logs");
    /** Numbers the logs of this test JVM in the order the processes were created. */
    private static final AtomicInteger LOGS = new AtomicInteger();

    static {
        // The logs of an earlier build would sit beside this one's, and .ci/run prints them all when a test fails.
        try (var earlier = Files.list(LOG_DIRECTORY)) {
            for (Path log : earlier.toList()) {
                Files.delete(log);
            }
        } catch (NoSuchFileException none) {
            // a first build
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clear " + LOG_DIRECTORY, e);
        }
    }

    private final String module;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    public ServiceProcess(String module, Map<String, String> environment) {
        this.module = module;
        this.port = freePort();
        this.environment = new HashMap<>(environment);
        this.environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // A log of its own (restarts of the same process append): a line from an earlier mesh must not satisfy this
        // one's checks, and the logs of a test that failed stay for reading after the later tests ran.
        this.log = LOG_DIRECTORY.resolve("%03d-%s.log".formatted(LOGS.incrementAndGet(), module));
    }

    public String module() {
        return module;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The URL a calling service is configured with: a host name, as in every deployment. With an IP address, the
     * REST client's spans carry no {@code server.address} and {@code server.port}.
     */
    public String urlByName() {
        return "http://localhost:" + port;
    }

    /** What the process wrote to stdout and stderr, restarts included. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    public ServiceProcess start() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + module, e);
        }
        await(module + " ready on " + url() + " (log: " + log.toAbsolutePath() + ")")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(module + " exited with " + process.exitValue() + ", see " + log);
                    }
                    return isReady();
                });
        return this;
    }

    /**
     * Stops the process the way an orchestrator does (SIGTERM), waits until it is gone, and kills it, as an
     * orchestrator does, if it is still there after 30 s: a hung process must not outlive the test run.
     */
    public void stop() {
        if (process != null && process.isAlive()) {
            terminate();
            try {
                await(module + " stopped").atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
            } catch (ConditionTimeoutException stillRunning) {
                process.destroyForcibly();
                throw stillRunning;
            }
        }
    }

    /** Sends SIGTERM and returns at once, so a test can watch what the process does while it stops. */
    public void terminate() {
        process.destroy();
    }

    /** Whether the process has exited, after {@link #terminate()}. */
    public boolean exited() {
        return !process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    private boolean isReady() {
        return readinessStatus() == 200;
    }

    /** The status of {@code /q/health/ready}, or 0 while the process takes no connection (not listening, or gone). */
    public int readinessStatus() {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * The newest package of the module (a -Pnative build after a JVM one leaves both), which must be newer than the
     * module's sources: this module does not depend on the others, so {@code -pl payment-gateway} would otherwise
     * test whatever an earlier build left.
     */
    private List<String> command() throws IOException {
        Path moduleDir = Path.of("..", module).toAbsolutePath().normalize();
        Path target = moduleDir.resolve("target");
        List<Path> packages = new ArrayList<>();
        Path jar = target.resolve("quarkus-app/quarkus-run.jar");
        if (Files.exists(jar)) {
            packages.add(jar);
        }
        if (Files.isDirectory(target)) {
            try (var files = Files.list(target)) {
                files.filter(file -> file.getFileName().toString().endsWith("-runner")).forEach(packages::add);
            }
        }
        Path newest = packages.stream().max(Comparator.comparing(ServiceProcess::modified)).orElseThrow(
                () -> new IllegalStateException("No packaged " + module + " in " + target + ": build the whole project (./mvnw verify)"));
        try (var sources = Files.walk(moduleDir.resolve("src/main"))) {
            Path changed = sources.filter(Files::isRegularFile).filter(source -> modified(source).compareTo(modified(newest)) > 0)
                    .findFirst().orElse(null);
            if (changed != null) {
                throw new IllegalStateException(newest + " is older than " + changed + ": build the whole project (./mvnw verify)");
            }
        }
        return newest.equals(jar)
                ? List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                : List.of(newest.toString());
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
