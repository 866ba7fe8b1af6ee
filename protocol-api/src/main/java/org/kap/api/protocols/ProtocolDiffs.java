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

    /** A text checked but not published, against the newest published version of its protocol. */
    public record DraftDiff(int against, List<DifferenceView> differences) {
    }

    /** What {@code draft} would change against the newest published version of its protocol; empty when none is. */
    public java.util.Optional<DraftDiff> againstNewest(org.kap.core.protocol.Protocol draft) {
        String id = draft.ref().id();
        return catalog.protocols().stream().filter(p -> p.protocolId().equals(id)).mapToInt(PublishedProtocol::version).max()
                .stream().boxed().findFirst()
                .map(newest -> new DraftDiff(newest, ProtocolMeaning.of(draft).since(pinned(id, newest)).stream()
                        .map(d -> new DifferenceView(d.entry(), d.change(), d.before(), d.after())).toList()));
    }

    private ProtocolMeaning pinned(String id, int version) {
        PublishedProtocol row = catalog.publishedOfKind(id, version, ProtocolPublished.PROTOCOL)
                .orElseThrow(() -> new UnknownProtocolException(new ProtocolRef(id, version)));
        // the version as it is served: its seal and its pinned meaning checked, so the diff is of what is enforced
        catalog.require(new ProtocolRef(id, version));
        return ProtocolMeaning.parse(row.meaning());
    }
}
