package org.kap.api.compat;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The store written by the engine as it stood on 30 November 2026 in the evening, after events took stored names
 * (kap.course.DoseApproved, revision 1) and courses could move between versions, by its 65 journey scenarios: every
 * event under its stored name, a course moved to a new version, signed heads, sealed, pinned and retired protocol
 * versions. It opens with the signing key it was written with (kept beside it) and must keep loading, replaying and
 * verifying as the engine changes; the older stores, under Java class names, are read through the upcasters.
 */
class StoreWithStoredNamesTest extends StoredByAnEarlierEngineTest {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        openOldStore(registry, "/compat/store-with-stored-names.mv.db.gz", "/compat/store-with-stored-names-keys");
    }
}
