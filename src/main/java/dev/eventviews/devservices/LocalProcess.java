package dev.eventviews.devservices;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A child process started by this JVM, with its output in a log file that error messages quote. */
public final class LocalProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int LOG_EXCERPT_LINES = 20;

    /** A readiness probe; it may block (a connection attempt, a request), so it may be interrupted. */
    @FunctionalInterface
    public interface ReadinessCheck {
        boolean isReady() throws InterruptedException;
    }

    private final Process process;
    private final Path logFile;

    private LocalProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /** Appends rather than truncates, so that a setup step and the service it prepares can share one log. */
    public static LocalProcess start(List<String> command, Path workingDir, Path logFile) throws IOException {
        return start(command, Map.of(), workingDir, logFile);
    }

    /** @param environment variables added to this process's environment */
    public static LocalProcess start(List<String> command, Map<String, String> environment, Path workingDir,
            Path logFile) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        return new LocalProcess(builder.start(), logFile);
    }

    /** The JVM running this code, so that child processes get the same Java version. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Blocks until {@code readinessCheck} passes. A process that does not get there is killed, so that a failed
     * start leaves nothing behind.
     *
     * @throws IllegalStateException if it exits, times out or the wait is interrupted; the message names the log
     *         file and quotes its errors and last lines
     */
    public void awaitReady(String name, ReadinessCheck readinessCheck, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!readinessCheck.isReady()) {
                if (!process.isAlive()) {
                    throw failure(name, "exited with code " + process.exitValue());
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw failure(name, "was not ready within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(250);
            }
            // Something else on the port can answer for a process that then fails to bind: check it still runs.
            if (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
                return;
            }
            throw failure(name, "exited with code " + process.exitValue());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw failure(name, "was interrupted while starting");
        }
    }

    /**
     * Blocks until a run-to-completion process exits.
     *
     * @throws IllegalStateException if it fails, times out or the wait is interrupted, quoting the log like
     *         {@link #awaitReady}
     */
    void awaitSuccess(String name, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw failure(name, "did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw failure(name, "was interrupted");
        }
        if (process.exitValue() != 0) {
            throw failure(name, "failed with exit code " + process.exitValue());
        }
    }

    /**
     * Blocks until the process exits, and returns its exit code.
     *
     * @throws IllegalStateException if it is still running after {@code timeout} (it is killed then)
     */
    public int awaitExit(String name, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw failure(name, "did not exit within " + timeout.toSeconds() + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw failure(name, "was interrupted");
        }
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** SIGKILL, as a crash would: no shutdown hooks, no clean close of anything. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A clean shutdown first (SIGTERM), so that the process keeps consistent data; killed if it hangs. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private IllegalStateException failure(String name, String what) {
        return new IllegalStateException(name + " (pid " + process.pid() + ") " + what + logExcerpt());
    }

    /** The log's errors (a failed start logs a long shutdown after the cause) and its last lines. */
    private String logExcerpt() {
        try {
            List<String> lines = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
            List<String> errors = lines.stream()
                    .filter(line -> line.contains(" ERROR ") || line.startsWith("Caused by:"))
                    .limit(LOG_EXCERPT_LINES)
                    .toList();
            return ". Log: " + logFile
                    + (errors.isEmpty() ? "" : "\nErrors:\n" + String.join("\n", errors))
                    + "\nLast lines:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_EXCERPT_LINES), lines.size()));
        } catch (IOException e) {
            return ". Log: " + logFile + " (unreadable: " + e + ")";
        }
    }
}
