package dev.eventviews.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * A temporary directory in memory ({@code /dev/shm}) where there is one, else the usual one. The test driver commits
 * after each record, and a commit fsyncs a checkpoint file per store: on a disk, tens of thousands of records take
 * many minutes, in memory seconds.
 */
final class MemoryTempDir implements TempDirFactory {

    private static final Path MEMORY = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
        return Files.isDirectory(MEMORY) && Files.isWritable(MEMORY) ? Files.createTempDirectory(MEMORY, "junit-")
                : Files.createTempDirectory("junit-");
    }
}
