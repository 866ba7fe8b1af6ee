package org.kap.core.adverse;

/** The FDA criteria that make an adverse event serious (21 USC 355-1(b)(4)); seriousness is not severity. */
public enum Seriousness {
    DEATH, LIFE_THREATENING, HOSPITALISATION, DISABILITY, CONGENITAL_ANOMALY, IMPORTANT_MEDICAL_EVENT
}
