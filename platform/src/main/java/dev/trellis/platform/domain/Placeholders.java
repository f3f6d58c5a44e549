package dev.trellis.platform.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in texts members send (invitation notes, recommendation requests, welcome messages) share one
 * placeholder syntax, {@code {name}} with letters only: which placeholders a text has, which of them a set of
 * values leaves unfilled, and the filled text. Each service decides what an unfilled placeholder means to its
 * members (the error it answers).
 */
public final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    /** The placeholder names of {@code text}, in order of first appearance. */
    public static List<String> in(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /** The placeholders of {@code text} that {@code values} gives no non-blank value for. */
    public static List<String> unfilled(String text, Map<String, String> values) {
        return in(text).stream().filter(p -> values.get(p) == null || values.get(p).isBlank()).toList();
    }

    /** {@code text} with every placeholder replaced by its value (stripped); all must be filled. */
    public static String fill(String text, Map<String, String> values) {
        List<String> missing = unfilled(text, values);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("unfilled placeholders: " + missing);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1)).strip()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Placeholders() {
    }
}
