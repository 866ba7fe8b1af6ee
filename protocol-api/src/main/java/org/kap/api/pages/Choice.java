package org.kap.api.pages;

import org.kap.core.outcome.Instrument;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One option of a form's list: the value the API reads (an enum's name in lower case, as its JSON takes it) and the
 * words a person reads.
 */
public record Choice(String value, String label) {

    static List<Choice> of(Enum<?>[] values) {
        return Arrays.stream(values).map(Choice::of).toList();
    }

    static Choice of(Enum<?> value) {
        String code = value.name().toLowerCase(Locale.ROOT);
        String words = value instanceof Instrument instrument ? instrument.label() : code.replace('_', ' ');
        return new Choice(code, words);
    }
}
