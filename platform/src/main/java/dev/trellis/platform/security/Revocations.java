package dev.trellis.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.events.EventTypes;
import dev.trellis.events.Topics;
import dev.trellis.events.profile.AccessRevoked;
import dev.trellis.events.profile.AccountClosed;
import dev.trellis.platform.crypto.KeyVault;
import dev.trellis.platform.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions ended in the last token lifetime, so that every service refuses their access tokens at once.
 * <p>
 * profile-service publishes {@link AccessRevoked} (log-out, password change, refresh-token reuse) on the profile
 * topic. Every replica of every service reads that topic here, outside any consumer group (each replica must see
 * every revocation), from {@code trellis.revocation.lookback} ago (longer than an access token lives) and then
 * follows it. {@link CachingPrincipalFactory} asks {@link #isRevoked} for every request, cached token or not, so a
 * revoked token is refused from the moment the event is read: typically within tens of milliseconds of the
 * log-out. A revoked session id is forgotten once no token of it can still be valid.
 * <p>
 * Until the reader has read up to the end offsets the topic had when it started reading, a revoked token could
 * still pass: {@link #isCaughtUp} is false then, and while the reader is failing, and the readiness check
 * {@link RevocationsReadiness} keeps the replica out of the load balancer.
 */
@ApplicationScoped
public class Revocations {
    private static final Logger LOG = Logger.getLogger(Revocations.class);
    static final String TYPE = EventTypes.typeOf(AccessRevoked.class);
    static final String CLOSED = EventTypes.typeOf(AccountClosed.class);

    private final KafkaClients kafka;
    private final Duration lookback;
    private final boolean enabled;
    private final ObjectMapper json;
    private final KeyVault keys;
    /** session id -> the moment after which no token of it can be valid any more (forget it then). */
    private final Map<String, Long> revoked = new ConcurrentHashMap<>();
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile String lastError;
    private Thread thread;

    public Revocations(KafkaClients kafka,
                       @ConfigProperty(name = "trellis.revocation.lookback", defaultValue = "PT30M") Duration lookback,
                       @ConfigProperty(name = "trellis.revocation.enabled", defaultValue = "true") boolean enabled,
                       ObjectMapper json, KeyVault keys) {
        this.kafka = kafka;
        this.keys = keys;
        this.lookback = lookback;
        this.enabled = enabled;
        this.json = json;
    }

    void start(@Observes StartupEvent e) {
        if (!enabled) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "trellis-revocations");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent e) {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** Whether the reader runs (false: {@code trellis.revocation.enabled=false}). */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * True once the reader has read every revocation that was on the topic when it started reading (the end offsets
     * it saw then), and is not failing since.
     */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** Why the reader last failed, or null if it has not failed since it last caught up. */
    public String lastError() {
        return lastError;
    }

    /** True when the token's session was ended. A token without a session id is never revoked here. */
    public boolean isRevoked(Object sessionClaim) {
        if (sessionClaim == null || revoked.isEmpty()) {
            return false;
        }
        return revoked.containsKey(CurrentMember.sessionIdOf(sessionClaim));
    }

    /** Records a revocation at once (the issuing service calls this in addition to publishing the event). */
    public void revoke(Collection<UUID> sessionIds, Instant revokedAt) {
        long forgetAt = (revokedAt == null ? Instant.now() : revokedAt).plus(lookback).toEpochMilli();
        for (UUID s : sessionIds) {
            revoked.merge(s.toString(), forgetAt, Math::max);
        }
    }

    private void run() {
        long backoff = 500;
        while (running) {
            try (KafkaConsumer<String, String> c = kafka.consumer(properties())) {
                consumer = c;
                follow(c);
                backoff = 500;
            } catch (WakeupException stop) {
                return;
            } catch (Exception ex) {
                caughtUp = false;
                if (!running) {
                    return;
                }
                lastError = ex.toString();
                LOG.warnf("revocation reader failed (retrying in %d ms): %s", backoff, ex.toString());
                sleep(backoff);
                backoff = Math.min(10_000, backoff * 2);
            } finally {
                consumer = null;
            }
        }
    }

    private void follow(KafkaConsumer<String, String> c) {
        List<TopicPartition> partitions = partitions(c);
        while (partitions.isEmpty()) {
            if (!running) {
                return;
            }
            sleep(1000);
            partitions = partitions(c);
        }
        c.assign(partitions);
        long from = Instant.now().minus(lookback).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(query, Duration.ofSeconds(30));
        Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(30));
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp o = offsets.get(p);
            c.seek(p, o == null ? ends.get(p) : o.offset());
        }
        int known = partitions.size();
        long lastCheck = System.currentTimeMillis();
        boolean reached = false;
        while (running) {
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                apply(r);
            }
            if (!reached && reachedAll(c, ends)) {
                reached = true;
                caughtUp = true;
                lastError = null;
                LOG.infof("revocation reader caught up with %s (%d partitions)", Topics.PROFILE, partitions.size());
            }
            long now = System.currentTimeMillis();
            if (now - lastCheck > 30_000) {
                lastCheck = now;
                revoked.values().removeIf(forgetAt -> forgetAt < now);
                if (partitions(c).size() != known) {
                    return; // partitions were added: start over (re-reads the lookback window, which is harmless)
                }
            }
        }
    }

    private static boolean reachedAll(KafkaConsumer<String, String> c, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (c.position(e.getKey(), Duration.ofSeconds(10)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, String> r) {
        Header header = r.headers().lastHeader("ce_type");
        String type = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        if (CLOSED.equals(type) && r.key() != null) {
            // every replica reads the profile topic here: it drops the closed member's key from its cache at once
            try {
                keys.forget(java.util.UUID.fromString(r.key()));
            } catch (IllegalArgumentException ex) {
                LOG.warnf("%s with a key that is not a member id at %s-%d@%d", CLOSED, r.topic(), r.partition(), r.offset());
            }
            return;
        }
        if (!TYPE.equals(type) || r.value() == null) {
            return;
        }
        try {
            AccessRevoked event = json.readValue(r.value(), AccessRevoked.class);
            if (event.sessionIds() != null) {
                revoke(event.sessionIds(), event.revokedAt());
                LOG.debugf("sessions revoked for member %s: %d", event.memberId(), event.sessionIds().size());
            }
        } catch (Exception ex) {
            LOG.warnf("unreadable %s at %s-%d@%d: %s", TYPE, r.topic(), r.partition(), r.offset(), ex.toString());
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
        List<TopicPartition> result = new ArrayList<>();
        try {
            List<PartitionInfo> infos = c.partitionsFor(Topics.PROFILE, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(i -> result.add(new TopicPartition(i.topic(), i.partition())));
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            // the broker is not reachable yet, or the topic does not exist yet
        }
        return result;
    }

    /** The reader's own settings (no group.id: it reads outside any consumer group). */
    private static Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "trellis-revocations-" + UUID.randomUUID());
        return p;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
