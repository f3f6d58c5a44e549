package dev.trellis.platform.eventstore;

import io.quarkus.narayana.jta.QuarkusTransaction;

import java.util.function.Supplier;

/**
 * Runs a decision in a transaction of its own, and again (up to 3 times) when another writer appended to the
 * stream first. The decision is re-made on the fresh stream, so an unrelated event at the same moment (a
 * reminder, say) does not fail a member's command, while a real conflict (two accepts) still ends in the
 * aggregate's own refusal (409 with its reason).
 */
public final class ConflictRetry {
    public static final int ATTEMPTS = 3;

    public static <T> T inNewTransaction(Supplier<T> decision) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(decision::get);
            } catch (ConcurrencyException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private ConflictRetry() {
    }
}
