package org.kap.core.dosing;

import java.util.Locale;

/** How ketamine is given. Limits, integration windows and observation differ by route. */
public enum Route {
    IV, IM, SUBLINGUAL, INTRANASAL, ORAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
