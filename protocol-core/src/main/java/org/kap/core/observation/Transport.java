package org.kap.core.observation;

/** How the client leaves. Driving oneself is not safe until the next day after restful sleep. */
public enum Transport {
    SELF_DRIVING, DRIVEN_BY_ESCORT, TAXI, PUBLIC_TRANSPORT, WALKING, STAYS_ON_SITE
}
