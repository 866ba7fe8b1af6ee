package org.kap.api.errors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

import java.io.IOException;
import java.time.Instant;

/**
 * Request bodies are read stricter than the event store: a time is an ISO 8601 text within the years a
 * clinical record can hold (never a number of seconds, which {@code 1e300} would wrap to 1970), and no text
 * carries a control character (a NUL cannot be stored by PostgreSQL, others hide in printed records) or
 * runs longer than any field of the API. Stored events are read by Axon with the plain mapper, so what was
 * recorded before these rules stays readable.
 */
@Configuration
public class StrictRequestJson {

    /** The earliest and the first refused time of any request value: 1900 to the end of 2199. */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant AFTER_LATEST = Instant.parse("2200-01-01T00:00:00Z");
    /** Longer than any free-text field (4,000 characters); the field's own limit is checked after reading. */
    static final int MAX_TEXT = 10_000;

    @Bean
    MappingJackson2HttpMessageConverter strictRequestConverter(ObjectMapper mapper) {
        return new MappingJackson2HttpMessageConverter(strict(mapper));
    }

    /** A copy of the application's mapper with the request rules. */
    public static ObjectMapper strict(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("kap-strict-requests");
        module.addDeserializer(String.class, new PrintableText());
        module.addDeserializer(Instant.class, new BoundedInstant());
        return mapper.copy().registerModule(module);
    }

    /** The reason a value is refused, carried so the 400 names its field (Jackson adds the path). */
    private static JsonMappingException refused(JsonParser parser, String reason) {
        return JsonMappingException.from(parser, reason, new IllegalArgumentException(reason));
    }

    static final class PrintableText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (text == null) {
                return null;
            }
            if (text.length() > MAX_TEXT) {
                throw refused(parser, "is " + text.length() + " characters; no text of a request is longer than " + MAX_TEXT);
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (isControl(c)) {
                    throw refused(parser, "contains the control character U+" + String.format("%04X", (int) c)
                            + " at position " + (i + 1) + "; only tab and line breaks are allowed");
                }
            }
            return text;
        }

        /** C0 and C1 controls and DEL, except tab, line feed and carriage return, which free text may hold. */
        static boolean isControl(char c) {
            return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
        }
    }

    static final class BoundedInstant extends StdScalarDeserializer<Instant> {

        BoundedInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_STRING) {
                String found = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT ? "a number"
                        : token == JsonToken.START_OBJECT ? "an object" : token == JsonToken.START_ARRAY ? "a list" : "true or false";
                throw refused(parser, "a time is ISO 8601 text such as \"2026-03-02T09:30:00Z\", not " + found);
            }
            if (parser.getText().isBlank()) {
                // Jackson would read a blank text as no time at all, which the engine takes as now
                throw refused(parser, "a time is ISO 8601 text such as \"2026-03-02T09:30:00Z\"; leave the field out for now");
            }
            Instant time = InstantDeserializer.INSTANT.deserialize(parser, context);
            if (time != null && (time.isBefore(EARLIEST) || !time.isBefore(AFTER_LATEST))) {
                throw refused(parser, time + " is outside the times a record holds (1900-01-01 to 2199-12-31)");
            }
            return time;
        }
    }
}
