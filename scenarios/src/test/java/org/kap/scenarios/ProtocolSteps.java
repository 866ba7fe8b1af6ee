package org.kap.scenarios;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The protocol a journey runs under: a file of the repository's protocols/ directory, as the engine published it. */
public class ProtocolSteps {

    private final Journey journey;

    public ProtocolSteps(Journey journey) {
        this.journey = journey;
    }

    @Given("the protocol {string} version {int} from {string}")
    public void theProtocol(String id, int version, String file) {
        Engine.Answer published = journey.engine().get("clinician", "/api/v1/protocols/" + id + "/versions/" + version);
        assertThat(published.status()).as("%s version %d is published: %s", id, version, published.raw()).isEqualTo(200);
        assertThat(published.body().path("sourceText").asText())
                .as("the engine runs exactly the text of %s", file).isEqualTo(read(file));
        journey.protocol(id, version);
    }

    /** A library of value sets the journey's protocol imports, published by the engine exactly as the file says. */
    @Given("the value-set library {string} version {int} from {string}")
    public void theLibrary(String id, int version, String file) {
        Engine.Answer published = journey.engine().get("clinician", "/api/v1/value-set-libraries/" + id + "/versions/" + version);
        assertThat(published.status()).as("library %s version %d is published: %s", id, version, published.raw()).isEqualTo(200);
        assertThat(published.body().path("sourceText").asText()).as("the engine uses exactly the text of %s", file)
                .isEqualTo(read(file));
    }

    @Then("the protocol's value set {string} comes from library {string}")
    public void setFromLibrary(String set, String library) {
        Engine.Answer detail = journey.engine().get("clinician", "/api/v1/protocols/" + journey.protocolId() + "/versions/"
                + journey.protocolVersion());
        java.util.List<String> from = new java.util.ArrayList<>();
        detail.body().path("valueSets").forEach(v -> {
            if (v.path("name").asText().equals(set)) {
                from.add(v.path("library").asText());
            }
        });
        assertThat(from).as(detail.body().path("valueSets").toString()).containsExactly(library);
    }

    @Given("the session room has {codes}")
    public void theRoomHas(java.util.List<String> features) {
        journey.room().addAll(features);
    }

    @Given("the session room has no {word}")
    public void theRoomLacks(String feature) {
        journey.room().remove(feature);
    }

    @When("the designer publishes version {int} of {string} with {string} changed to {string}")
    public void publishRevision(int version, String file, String before, String after) {
        String text = read(file);
        assertThat(text).as("%s says '%s'", file, before).contains(before);
        String revised = text.replace(before, after).replaceFirst("(?m)^(protocol \"[^\"]+\") version \\d+", "$1 version " + version);
        Engine.Answer answer = journey.engine().post("designer", "/api/v1/protocols", revised);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
    }

    private String version(String id, int version) {
        return "/api/v1/protocols/" + id + "/versions/" + version;
    }

    @Then("{string} version {int} awaits a second signature")
    public void awaitsSecondSignature(String id, int version) {
        isAt(id, version, "awaiting_approval");
    }

    @Then("{string} version {int} is {word}")
    public void isAt(String id, int version, String status) {
        Engine.Answer detail = journey.engine().get("clinician", version(id, version));
        assertThat(detail.body().path("protocol").path("status").asText()).as(detail.raw()).isEqualTo(status);
    }

    @When("the {role} approves the activation of {string} version {int}")
    public void approve(String role, String id, int version) {
        Engine.Answer answer = journey.engine().post(role, version(id, version) + "/approval", java.util.Map.of());
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    }

    @When("the {role} approves the activation of {string} version {int}, it is refused: {string}")
    public void approvalRefused(String role, String id, int version, String detail) {
        Engine.Answer answer = journey.engine().post(role, version(id, version) + "/approval", java.util.Map.of());
        assertThat(answer.status()).as(answer.raw()).isEqualTo(409);
        assertThat(answer.body().path("detail").asText()).contains(detail);
    }

    @When("the {role} retires {string} version {int}: {string}")
    public void retire(String role, String id, int version, String reason) {
        Engine.Answer answer = journey.engine().post(role, version(id, version) + "/retirement", java.util.Map.of("reason", reason));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    }

    @Then("{string} version {int} is published beside version {int}")
    public void bothVersionsPublished(String id, int newer, int older) {
        for (int version : new int[] {newer, older}) {
            assertThat(journey.engine().get("clinician", "/api/v1/protocols/" + id + "/versions/" + version).status())
                    .as("%s version %d", id, version).isEqualTo(200);
        }
    }

    /** A protocol file by its path from the repository root, e.g. protocols/kap-im.kap. */
    static String read(String file) {
        assertThat(file).as("journeys run under the repository's protocols").startsWith("protocols/");
        Path dir = Path.of(System.getProperty("kap.protocols.dir", "../protocols"));
        try {
            return Files.readString(dir.resolve(file.substring("protocols/".length())), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("no protocol file " + file, e);
        }
    }
}
