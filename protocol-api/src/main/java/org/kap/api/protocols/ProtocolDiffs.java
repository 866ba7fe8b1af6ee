package org.kap.api.protocols;

import org.kap.core.protocol.ProtocolMeaning;
import org.kap.core.protocol.UnknownProtocolException;
import org.kap.core.rule.ProtocolRef;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * What changed between two published versions of a protocol, compared on the meanings pinned at publication: each
 * rule, value set and the header added, removed or changed, with the old and the new meaning.
 */
@Service
public class ProtocolDiffs {

    /** One difference between two versions: a rule, value set or the header, added, removed or changed. */
    public record DifferenceView(String entry, String change, String before, String after) {
    }

    private final JdbcProtocolCatalog catalog;

    ProtocolDiffs(JdbcProtocolCatalog catalog) {
        this.catalog = catalog;
    }

    public List<DifferenceView> between(String id, int from, int to) {
        ProtocolMeaning before = pinned(id, from);
        ProtocolMeaning after = pinned(id, to);
        return after.since(before).stream().map(d -> new DifferenceView(d.entry(), d.change(), d.before(), d.after())).toList();
    }

    private ProtocolMeaning pinned(String id, int version) {
        PublishedProtocol row = catalog.publishedOfKind(id, version, ProtocolPublished.PROTOCOL)
                .orElseThrow(() -> new UnknownProtocolException(new ProtocolRef(id, version)));
        // the version as it is served: its seal and its pinned meaning checked, so the diff is of what is enforced
        catalog.require(new ProtocolRef(id, version));
        return ProtocolMeaning.parse(row.meaning());
    }
}
