package org.kap.api.protocols;

import org.junit.jupiter.api.Test;
import org.kap.api.ApiTest;
import org.kap.api.KapProperties;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example protocols published on start. A data directory may already hold a version whose text
 * differs from the file (the file was edited without a new version): the store keeps what it
 * published, the engine still starts, and the other examples are published.
 */
class ExampleProtocolsApiTest extends ApiTest {

    @Autowired
    ProtocolPublisher publisher;

    @Autowired
    KapProperties settings;

    @Test
    void a_version_published_with_other_text_is_kept_and_the_engine_still_publishes_the_rest() throws Exception {
        String file = Files.readString(Path.of("../protocols/kap-im.kap"), StandardCharsets.UTF_8);
        String edited = file.replace("title \"Ketamine-assisted psychotherapy, intramuscular\"", "title \"Edited in place\"");
        assertThat(edited).isNotEqualTo(file);
        assertThat(post("designer", "/api/v1/protocols", edited).status()).isEqualTo(201);

        // as on a start with the example protocols on (the API tests start with them off)
        new ExampleProtocols(publisher, new KapProperties(settings.dataDir(), settings.snapshotThreshold(), settings.cachedCourses(), settings.cachedFoldEntries(), settings.clinicalTime(),
                settings.obligations(), true, settings.maxRequestBytes(), settings.limits(), settings.security(), settings.signIn(), settings.audit(), settings.signing(), settings.anchor(),
                settings.readModels())).run(null);

        assertThat(get("clinician", "/api/v1/protocols/kap-im/versions/1").text("/sourceText")).isEqualTo(edited);
        assertThat(get("clinician", "/api/v1/protocols/spravato-trd/versions/1").status()).isEqualTo(200);
        assertThat(get("clinician", "/api/v1/protocols/kap-sublingual/versions/2").status()).isEqualTo(200);
        // the library is published before the protocol that imports it
        assertThat(get("clinician", "/api/v1/value-set-libraries/kap-terms/versions/1").status()).isEqualTo(200);
        assertThat(get("clinician", "/api/v1/protocols/kap-sublingual/versions/4").body().at("/valueSets").findValuesAsText("library"))
                .contains("kap-terms v1");
    }
}
