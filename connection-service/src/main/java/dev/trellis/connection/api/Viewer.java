package dev.trellis.connection.api;

import dev.trellis.connection.index.GraphIndex;
import dev.trellis.platform.domain.NameVisibility;

import java.util.UUID;

/**
 * One viewer's view of the members an answer shows: names follow {@link NameVisibility} with the real degree
 * between the viewer and the shown member, from the graph index (0 = the viewer, 1, 2, 3; farther or not connected
 * counts as 3). The degree is computed only for members whose profile visibility is NAME_INITIAL.
 */
final class Viewer {
    private final GraphIndex graph;
    private final UUID viewer;
    private final int self;

    Viewer(GraphIndex graph, UUID viewer) {
        this.graph = graph;
        this.viewer = viewer;
        this.self = graph.indexOf(viewer);
    }

    int degreeTo(UUID member) {
        if (viewer.equals(member)) {
            return 0;
        }
        int d = graph.degree(self, graph.indexOf(member));
        return d < 1 ? 3 : d;
    }

    NameVisibility.Shown show(UUID member, String firstName, String lastName, String profileVisibility) {
        int degree = NameVisibility.NAME_INITIAL.equals(profileVisibility) ? degreeTo(member) : 1;
        return NameVisibility.show(firstName, lastName, profileVisibility, degree);
    }
}
