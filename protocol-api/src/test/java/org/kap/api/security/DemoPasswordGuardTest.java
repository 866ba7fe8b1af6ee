package org.kap.api.security;

import org.junit.jupiter.api.Test;
import org.kap.api.KapApplication;
import org.kap.api.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production profile does not start with the demo users' published passwords, unless told it is a demonstration. */
class DemoPasswordGuardTest {

    private static String[] args(String... more) {
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> p : TestDatabase.fresh().entrySet()) {
            args.add("--" + p.getKey() + "=" + p.getValue());
        }
        args.addAll(List.of("--server.port=0", "--kap.publish-example-protocols=false", "--kap.obligations.first-check=1h",
                "--kap.obligations.check-interval=1h"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void the_postgres_profile_refuses_to_start_with_the_demo_passwords() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(KapApplication.class).profiles("postgres")
                .run(args("--kap.signing.create-if-missing=true")).close())
                .hasStackTraceContaining("will not start with the demo passwords of [clinician, prescriber, therapist, auditor, designer, admin]");
    }

    @Test
    void a_demonstration_on_postgres_says_so_and_starts() {
        try (ConfigurableApplicationContext engine = new SpringApplicationBuilder(KapApplication.class).profiles("postgres")
                .run(args("--kap.security.allow-demo-passwords=true", "--kap.signing.create-if-missing=true"))) {
            assertThat(engine.isActive()).isTrue();
        }
    }

    @Test
    void the_postgres_profile_refuses_to_start_without_a_signing_key_it_would_otherwise_make_up() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(KapApplication.class).profiles("postgres")
                .run(args("--kap.security.allow-demo-passwords=true")).close())
                .hasStackTraceContaining("no signing key in").hasStackTraceContaining("./kap keygen");
    }
}
