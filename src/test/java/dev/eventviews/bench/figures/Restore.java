package dev.eventviews.bench.figures;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;

import dev.eventviews.bench.BenchContext;
import dev.eventviews.bench.kafka.TopicReader;
import dev.eventviews.bench.load.Progress;
import dev.eventviews.bench.report.Figure;
import dev.eventviews.bench.report.Result;
import dev.eventviews.cluster.PackagedApp;

/**
 * Figure 9: restoring the views from their changelogs, as when an instance is replaced by one with an empty disk.
 * The application under test has been stopped; a new instance of the same application (same id) starts with an
 * empty state dir, and Kafka Streams restores every store from its changelog before it runs. Timed from its process
 * start until it is ready, as an operator would see it. Baseline: a plain consumer reading the same changelogs to
 * their end, as restoration reads them (bytes, committed records only).
 * <p>
 * Kafka Streams does not leave its group when it closes, so the stopped instance is removed from the group first,
 * as an operator replacing it would: otherwise the new one waits out the old one's session timeout (45 s).
 */
public final class Restore {

    private static final double TARGET = 0.3;
    /** The full data set restores in one to two minutes here; a slower machine or disk gets a measurement too. */
    public static final Duration READY_TIMEOUT = Duration.ofMinutes(10);

    private Restore() {
    }

    /** Runs while no other instance loads the machine: the caller has stopped the application under test. */
    public static Figure run(BenchContext context) {
        String applicationId = context.appConfig().get("quarkus.kafka-streams.application-id");
        List<String> topics = changelogsOf(context.bootstrapServers(), applicationId);
        TopicReader.Read plain = TopicReader.changelogs(context.bootstrapServers()).readToEnd(topics);
        Progress.say("plain consumer read %,d records of %d changelogs in %.1f s", plain.records(), topics.size(),
                plain.seconds());

        removeMembers(context.bootstrapServers(), applicationId);
        long start = System.nanoTime();
        double seconds;
        double resident;
        try (PackagedApp restoring = PackagedApp.start("restore", context.workDir(), context.appConfig(),
                READY_TIMEOUT)) {
            seconds = (System.nanoTime() - start) / 1e9;
            resident = ProcessMemory.residentMb(restoring.pid());
        }
        Progress.say("instance with an empty state dir ready after %.1f s", seconds);
        Result measured = Result.of("new instance, empty state dir", plain.records() / seconds, "records/s");
        Result baseline = Result.of("plain KafkaConsumer", plain.perSecond(), "records/s");
        double ratio = measured.value() / baseline.value();
        return new Figure(9, "Restore",
                String.format("%,d records of %d changelogs in %.1f s from process start (RSS after %d MB) vs "
                        + "%.1f s", plain.records(), topics.size(), seconds, Math.round(resident), plain.seconds()),
                measured, baseline, ratio, "≥ " + TARGET, ratio >= TARGET);
    }

    /** The changelog topics of the application's stores, which a restore reads. */
    public static List<String> changelogsOf(String bootstrapServers, String applicationId) {
        return TopicReader.changelogs(bootstrapServers).topics(topic -> topic.startsWith(applicationId + "-")
                && topic.endsWith("-changelog"));
    }

    /** Removes the stopped instances of {@code applicationId} from its group, as an operator replacing one would. */
    public static void removeMembers(String bootstrapServers, String applicationId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.removeMembersFromConsumerGroup(applicationId, new RemoveMembersFromConsumerGroupOptions()).all()
                    .get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // An empty group has no member to remove: the stopped instance left it already.
            Progress.say("no member removed from %s: %s", applicationId, e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not remove the stopped instance from its group", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
