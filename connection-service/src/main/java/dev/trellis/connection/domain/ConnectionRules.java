package dev.trellis.connection.domain;

/** How the graph is shown to members. */
public final class ConnectionRules {

    /** The degree label a member sees: 1st, 2nd, 3rd or out of network. */
    public static String label(Integer degree) {
        if (degree == null) {
            return "out-of-network";
        }
        return switch (degree) {
            case 0 -> "you";
            case 1 -> "1st";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> "out-of-network";
        };
    }

    private ConnectionRules() {
    }
}
