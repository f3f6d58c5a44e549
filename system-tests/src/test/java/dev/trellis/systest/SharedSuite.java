package dev.trellis.systest;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link Suite} for every test class of the run: started by the first class that needs it, kept in the root
 * context's store and closed when the whole run ends (starting the suite costs half a minute or more). Each class
 * finds it whole: what a failed test of an earlier class left stopped is started again.
 * <pre>
 * {@literal @}ExtendWith(SharedSuite.class)
 * class MyIT { static Suite suite() { return SharedSuite.suite(); } }
 * </pre>
 */
public final class SharedSuite implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedSuite.class);
    private static volatile Suite current;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Suite suite = context.getRoot().getStore(NS).computeIfAbsent("suite", k -> {
            try {
                return new Suite().start();
            } catch (Exception e) {
                throw new IllegalStateException("the suite did not start", e);
            }
        }, Suite.class);
        suite.ensureWhole();
        current = suite;
    }

    /** The running suite (after {@link #beforeAll}). */
    public static Suite suite() {
        if (current == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedSuite.class)");
        }
        return current;
    }
}
