package org.kap.api.compat;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The store written by the engine as it stood on 30 November 2026 (libraries of value sets, pinned meanings, the
 * protocol lifecycle with sealed statuses), by its 62 journey scenarios: signed heads, sealed and pinned protocol versions,
 * libraries, lifecycle events, snapshots. It opens with the signing key it was written with (a key made by that run
 * for that store alone, kept beside it), and must keep loading, replaying and verifying as the engine changes. The
 * golden event samples (GoldenEventSamplesTest) were taken from the same store.
 */
class StoreWithLibrariesTest extends StoredByAnEarlierEngineTest {

    @DynamicPropertySource
    static void oldStore(DynamicPropertyRegistry registry) {
        openOldStore(registry, "/compat/store-with-libraries.mv.db.gz", "/compat/store-with-libraries-keys");
    }
}
