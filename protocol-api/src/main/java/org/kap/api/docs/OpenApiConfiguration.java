package org.kap.api.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OpenAPI document: the engine described once, every error documented with an example on every
 * operation, the Idempotency-Key header on every command and the Signature-Password header on the signed acts.
 */
@Configuration
public class OpenApiConfiguration {

    private static final Map<String, String[]> ERRORS = new LinkedHashMap<>();

    static {
        ERRORS.put("400", new String[]{"Malformed input; records nothing", """
                {"type":"/problems/malformed-request","title":"Malformed request","status":400,
                 "detail":"dose: is in mg or mg/kg, not mmHg","errors":[{"field":"dose","reason":"is in mg or mg/kg, not mmHg"}]}"""});
        ERRORS.put("401", new String[]{"No credentials", """
                {"type":"/problems/unauthenticated","title":"Authentication required","status":401}"""});
        ERRORS.put("403", new String[]{"Not open to the caller's role", """
                {"type":"/problems/forbidden","title":"Not allowed for your role","status":403,
                 "detail":"POST /api/v1/courses/c-1/dose-approvals is not open to your role"}"""});
        ERRORS.put("404", new String[]{"Unknown course, protocol, adverse event or obligation", """
                {"type":"/problems/not-found","title":"Not found","status":404,"detail":"no course c-404"}"""});
        ERRORS.put("409", new String[]{"Not possible in the course's state, out of order, or changed concurrently; records nothing", """
                {"type":"/problems/state-conflict","title":"Not possible in the course's current state","status":409,
                 "detail":"no session is open to discharge"}"""});
        ERRORS.put("422", new String[]{"Refused by a safety rule; the refusal is recorded", """
                {"type":"/problems/safety-refusal","title":"Refused by the protocol","status":422,
                 "detail":"DOSE-IM-MAX: 1.6 mg/kg (112 mg at 70 kg) > 1.5 mg/kg","courseId":"c-1",
                 "violations":[{"ruleId":"DOSE-IM-MAX","protocolId":"kap-im","protocolVersion":1,"severity":"refusal",
                 "message":"At most 1.5 mg/kg per session, boosters included","observed":"1.6 mg/kg (112 mg at 70 kg)",
                 "relation":">","limit":"1.5 mg/kg","text":"DOSE-IM-MAX: 1.6 mg/kg (112 mg at 70 kg) > 1.5 mg/kg"}]}"""});
        ERRORS.put("503", new String[]{"Not answerable now (a command stopped by the engine's time limit, a stored record "
                + "that fails its integrity check); records nothing. A command stopped by the time limit may be sent again", """
                {"type":"/problems/time-limit","title":"The engine ran out of time for this request","status":503,
                 "detail":"it ran longer than the engine's time limit and was stopped; nothing was recorded. Send it again (with the same Idempotency-Key, if it had one)."}"""});
    }

    @Bean
    OpenAPI kapOpenApi() {
        return new OpenAPI()
                .info(new Info().title("KAP protocol engine").version("v1").description("""
                        Enforces ketamine-assisted therapy protocols and records every decision. Commands on a course answer \
                        with the decision (allowed, allowed with warnings) or a 422 refusal naming the rule and the values seen. \
                        Quantities carry their units as text ("0.5 mg/kg", "142 mmHg", "40 min"); 'at' is the clinical time."""))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    OpenApiCustomizer errorsAndIdempotency() {
        return api -> api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (!path.startsWith("/api/v1")) {
                return;
            }
            ERRORS.forEach((status, doc) -> {
                boolean applies = !status.equals("422") || method.name().equals("POST");
                if (applies && (operation.getResponses() == null || !operation.getResponses().containsKey(status))) {
                    operation.getResponses().addApiResponse(status, problem(doc[0], doc[1]));
                }
            });
            if (method.name().equals("POST")) {
                idempotencyKey(operation);
            }
            // the OpenAPI path holds {courseId}; any valid id stands for it when asking whether the act is signed
            org.kap.api.security.SignedActs.meaningOf(method.name(), path.replace("{courseId}", "c-1"))
                    .ifPresent(meaning -> signaturePassword(operation, meaning));
        }));
    }

    private static void signaturePassword(Operation operation, String meaning) {
        operation.addParametersItem(new HeaderParameter().name(org.kap.api.security.SignedActs.PASSWORD_HEADER).required(false)
                .description("A signed act (meaning: " + meaning + "): the signer's password again, at the moment of signing "
                        + "(21 CFR 11.200). Required with HTTP Basic; under the jwt profile the token's auth_time must be "
                        + "within 5 minutes instead. Without it: 401 signature-refused, nothing recorded")
                .schema(new Schema<String>().type("string").format("password")));
    }

    private static ApiResponse problem(String description, String example) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().type("object")).addExamples("example", new Example().value(example))));
    }

    private static void idempotencyKey(Operation operation) {
        operation.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                .description("A retry with the same key gets the first answer and records nothing new")
                .schema(new Schema<String>().type("string")).example("4f1c2a7e-approve-dose-1"));
    }
}
