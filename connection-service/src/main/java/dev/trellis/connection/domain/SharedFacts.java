package dev.trellis.connection.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What two members have in common besides connections: companies (current or past), schools, groups and the
 * city they live in. Names are as the first member wrote them.
 */
public record SharedFacts(List<String> currentCompanies, List<String> pastCompanies, List<String> schools,
                          List<String> groups, String city) {
    public static final SharedFacts NONE = new SharedFacts(List.of(), List.of(), List.of(), List.of(), null);

    public boolean isEmpty() {
        return currentCompanies.isEmpty() && pastCompanies.isEmpty() && schools.isEmpty() && groups.isEmpty()
                && city == null;
    }

    /** Companies either worked at, current ones first. */
    public List<String> companies() {
        List<String> all = new ArrayList<>(currentCompanies);
        all.addAll(pastCompanies);
        return all;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<String> current = new ArrayList<>();
        private final List<String> past = new ArrayList<>();
        private final List<String> schools = new ArrayList<>();
        private final List<String> groups = new ArrayList<>();
        private String city;

        /** A company both list; {@code bothCurrent} when both work there now. */
        public Builder company(String name, boolean bothCurrent) {
            (bothCurrent ? current : past).add(name);
            return this;
        }

        public Builder school(String name) {
            schools.add(name);
            return this;
        }

        public Builder group(String name) {
            groups.add(name);
            return this;
        }

        public Builder city(String name) {
            city = name;
            return this;
        }

        public SharedFacts build() {
            return new SharedFacts(List.copyOf(current), List.copyOf(past), List.copyOf(schools), List.copyOf(groups),
                    city);
        }
    }
}
