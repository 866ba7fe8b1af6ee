package org.kap.api.compat;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The store written by the engine as it stood before client facts, structured corrections and session dispositions
 * (commit 901ea8c, by its 37 journey scenarios), before heads were signed: its courses are signed once at the first
 * start (docs/audit.md).
 */
class StoreBeforeClientFactsTest extends StoredByAnEarlierEngineTest {

    @DynamicPropertySource
    static void oldStore(DynamicPropertyRegistry registry) {
        openOldStore(registry, "/compat/store-before-client-facts.mv.db.gz", null);
    }
}
