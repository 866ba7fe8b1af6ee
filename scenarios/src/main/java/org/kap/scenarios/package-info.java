/**
 * End-to-end client journeys against the running engine. Filled by the scenario-suite issue.
 */
package org.kap.scenarios;
