package org.socketlab.websocket.cluster;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/**
 * Redis pub/sub with binary payloads: channels and patterns subscribed at any time on one
 * dedicated connection, messages delivered to listeners on one subscriber thread.
 *
 * <p>Redis delivers each subscriber the messages in the order it executed the PUBLISH
 * commands, so every node sees the same order. Pub/sub is fire-and-forget: a node that is not
 * subscribed at that moment never sees the message (what the failover measurement counts).
 *
 * <p>Thread-safe. {@link #subscribe} returns a future completed when Redis confirmed it.
 */
public final class RedisBus implements AutoCloseable {

    private static final Logger LOG = System.getLogger(RedisBus.class.getName());

    /** Receives one message; runs on the subscriber thread and must not block for long. */
    @FunctionalInterface
    public interface Listener {
        void onMessage(String channel, byte[] payload);
    }

    private final JedisPooled commands;
    private final Map<String, Listener> channels = new ConcurrentHashMap<>();
    private final Map<String, Listener> patterns = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> confirmations = new ConcurrentHashMap<>();
    private final Subscriber subscriber = new Subscriber();
    private final CountDownLatch started = new CountDownLatch(1);
    private final Thread thread;
    private final String controlChannel;

    RedisBus(String host, int port, JedisPooled commands, String controlChannel) {
        this.commands = commands;
        this.controlChannel = controlChannel;
        this.thread = Thread.ofPlatform().daemon().name("redis-subscriber-" + controlChannel).start(() -> {
            try (Jedis connection = new Jedis(host, port)) {
                connection.subscribe(subscriber, bytes(controlChannel));
            } catch (RuntimeException e) {
                if (subscriber.isSubscribed() || started.getCount() > 0) {
                    LOG.log(Level.WARNING, "Redis subscriber connection ended: " + e);
                }
            } finally {
                started.countDown();
            }
        });
    }

    /** Waits until the subscriber connection is up (its first SUBSCRIBE confirmed). */
    void awaitStarted(long timeoutMillis) throws InterruptedException {
        if (!started.await(timeoutMillis, TimeUnit.MILLISECONDS) || !subscriber.isSubscribed()) {
            throw new IllegalStateException("could not subscribe to Redis within " + timeoutMillis + " ms");
        }
    }

    /** Delivers every message on {@code channel} to {@code listener}; completes once Redis confirmed. */
    public CompletableFuture<Void> subscribe(String channel, Listener listener) {
        channels.put(channel, Objects.requireNonNull(listener, "listener"));
        CompletableFuture<Void> confirmed = confirmations.computeIfAbsent("c:" + channel, k -> new CompletableFuture<>());
        subscriber.subscribe(bytes(channel));
        return confirmed;
    }

    /** Delivers every message on a channel matching the glob {@code pattern} (Redis PSUBSCRIBE). */
    public CompletableFuture<Void> psubscribe(String pattern, Listener listener) {
        patterns.put(pattern, Objects.requireNonNull(listener, "listener"));
        CompletableFuture<Void> confirmed = confirmations.computeIfAbsent("p:" + pattern, k -> new CompletableFuture<>());
        subscriber.psubscribe(bytes(pattern));
        return confirmed;
    }

    public void unsubscribe(String channel) {
        channels.remove(channel);
        confirmations.remove("c:" + channel);
        subscriber.unsubscribe(bytes(channel));
    }

    /** Publishes; returns how many subscribers (over all nodes) received it. */
    public long publish(String channel, byte[] payload) {
        return commands.publish(bytes(channel), payload);
    }

    public long publish(String channel, String text) {
        return publish(channel, bytes(text));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private final class Subscriber extends BinaryJedisPubSub {
        @Override
        public void onSubscribe(byte[] channel, int subscribedChannels) {
            String name = new String(channel, StandardCharsets.UTF_8);
            if (name.equals(controlChannel)) {
                started.countDown();
            }
            confirmations.computeIfAbsent("c:" + name, k -> new CompletableFuture<>()).complete(null);
        }

        @Override
        public void onPSubscribe(byte[] pattern, int subscribedChannels) {
            confirmations.computeIfAbsent("p:" + new String(pattern, StandardCharsets.UTF_8),
                    k -> new CompletableFuture<>()).complete(null);
        }

        @Override
        public void onMessage(byte[] channel, byte[] message) {
            String name = new String(channel, StandardCharsets.UTF_8);
            deliver(channels.get(name), name, message);
        }

        @Override
        public void onPMessage(byte[] pattern, byte[] channel, byte[] message) {
            deliver(patterns.get(new String(pattern, StandardCharsets.UTF_8)), new String(channel, StandardCharsets.UTF_8),
                    message);
        }

        private void deliver(Listener listener, String channel, byte[] message) {
            if (listener == null) {
                return;
            }
            try {
                listener.onMessage(channel, message);
            } catch (RuntimeException e) {
                // One bad message must not end the subscription every other room depends on.
                LOG.log(Level.WARNING, "listener of " + channel + " threw", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (subscriber.isSubscribed()) {
                subscriber.unsubscribe();
                subscriber.punsubscribe();
            }
        } catch (RuntimeException alreadyGone) {
            // the connection is down already
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
