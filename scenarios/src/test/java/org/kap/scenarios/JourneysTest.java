package org.kap.scenarios;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PUBLISH_QUIET_PROPERTY_NAME;

/**
 * Runs every journey in {@code src/test/resources/journeys} on Cucumber's JUnit Platform engine, so
 * {@code ./mvnw verify} runs them with the rest of the suite. A readable report of the run is written
 * to {@code target/journeys.html}.
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("journeys")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "org.kap.scenarios")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME, value = "summary, html:target/journeys.html")
@ConfigurationParameter(key = PLUGIN_PUBLISH_QUIET_PROPERTY_NAME, value = "true")
public class JourneysTest {
}
