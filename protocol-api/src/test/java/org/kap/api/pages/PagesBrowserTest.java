package org.kap.api.pages;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.kap.api.ApiTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in a real headless Chromium, as the people they are for use them: a clinician screens a client through the
 * forms, a therapist prepares, a prescriber signs a dose approval, the clinician starts the session, records vitals, is
 * refused a discharge too early (and sees the rule with the values it saw), then discharges; the therapist records the
 * integration. An auditor then reads the course with no form that writes, its timeline with the refusal highlighted and
 * the course as of a moment; a protocol designer checks a broken protocol in the workbench and sees the error at its
 * line. The clinic's zone is UTC (the default), so the forms' local times are UTC. Each page's screenshot is left in
 * target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesBrowserTest extends ApiTest {

    private static final String COURSE = "browser-walk";
    /** The course's first day, ten days ago, so that every act can be entered at its clinical time. */
    private final LocalDateTime day0 = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).minusDays(10);
    private Browser browser;

    @BeforeAll
    void start() {
        browser = Browser.open(port);
        assertThat(publish("api-test.kap").status()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private String at(long minutes) {
        return day0.plusMinutes(minutes).toString();
    }

    /** Sends an act's form with the fields given (name, value, ...) and returns the answer shown in place. */
    private WebElement send(String act, long minutes, String... fields) {
        WebElement form = browser.form(act);
        browser.set(form, act.equals("vitals") ? "vitals.measuredAt" : "at", at(minutes));
        for (int i = 0; i < fields.length; i += 2) {
            WebElement input = form.findElement(By.name(fields[i]));
            if ("checkbox".equals(input.getAttribute("type"))) {
                form.findElement(By.cssSelector("input[name='" + fields[i] + "'][value='" + fields[i + 1] + "']")).click();
            } else if ("select".equals(input.getTagName())) {
                new org.openqa.selenium.support.ui.Select(input).selectByValue(fields[i + 1]);
            } else {
                input.clear();
                input.sendKeys(fields[i + 1]);
            }
        }
        browser.submit(form);
        return browser.find("#answer");
    }

    @Test
    @Order(1)
    void the_care_team_walks_a_course_from_screening_to_integration_through_the_forms() {
        browser.signIn("clinician");
        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.text()).contains("Signed in as Ana Clinician", "Screen a new client");
        browser.screenshot("home-clinician");

        browser.follow("a[href='/pages/courses/new']");
        WebElement screening = browser.find("form.act");
        screening.findElement(By.name("clientId")).sendKeys("client-browser");
        screening.findElement(By.name("courseId")).sendKeys(COURSE);
        screening.findElement(By.name("profile.ageYears")).sendKeys("40");
        screening.findElement(By.name("profile.weight")).sendKeys("80 kg");
        new org.openqa.selenium.support.ui.Select(screening.findElement(By.name("profile.pregnant"))).selectByValue("false");
        new org.openqa.selenium.support.ui.Select(screening.findElement(By.name("profile.breastfeeding"))).selectByValue("false");
        screening.findElement(By.name("profile.vitals.systolic")).sendKeys("124 mmHg");
        screening.findElement(By.name("profile.vitals.diastolic")).sendKeys("78 mmHg");
        browser.set(screening, "at", at(0));
        browser.screenshot("new-course");
        assertThat(browser.unlabelledFields()).as("every field of the screening form has a label").isEmpty();
        browser.submit(screening);
        assertThat(browser.path()).isEqualTo("/pages/courses/" + COURSE);
        assertThat(browser.find("#answer").getText()).contains("screening: allowed");

        assertThat(send("consent", 5).getText()).contains("consent: allowed");
        browser.signOut();

        browser.signIn("therapist");
        browser.go("/pages/courses/" + COURSE);
        assertThat(send("preparation-sessions", 60).getText()).contains("preparation-sessions: allowed");
        browser.signOut();

        browser.signIn("prescriber");
        browser.go("/pages/courses/" + COURSE);
        WebElement unsigned = send("dose-approvals", 2 * 24 * 60, "dose", "0.5 mg/kg", "signaturePassword", "not-my-password");
        assertThat(unsigned.getText()).as("a signed act with a wrong password is not taken")
                .contains("dose-approvals: not taken", "the password given to sign is not the signer's");
        WebElement approved = send("dose-approvals", 2 * 24 * 60, "route", "im", "dose", "0.5 mg/kg",
                "signaturePassword", "prescriber-demo");
        assertThat(approved.getText()).contains("dose-approvals: allowed");
        browser.signOut();

        browser.signIn("clinician");
        browser.go("/pages/courses/" + COURSE);
        long dose = 2 * 24 * 60 + 10;
        assertThat(send("sessions", dose, "setting", "pulse_oximeter", "preDoseVitals.systolic", "126 mmHg",
                "preDoseVitals.diastolic", "80 mmHg").getText()).contains("sessions: allowed");
        assertThat(browser.find("#discharge-blockers").getText()).as("what a discharge now would meet, before it is tried")
                .contains("DIS-MOAAS", "MOAA/S not scored");
        browser.go("/");
        assertThat(browser.find("section[aria-labelledby=in-session]").getText()).as("the clinician's home lists the client in session")
                .contains(COURSE, "client-browser");
        browser.follow("section[aria-labelledby=in-session] a");
        assertThat(send("vitals", dose + 30, "vitals.systolic", "132 mmHg", "vitals.diastolic", "84 mmHg",
                "vitals.heartRate", "78 bpm", "vitals.spo2", "97 %").getText()).contains("vitals: allowed");

        WebElement early = send("discharge", dose + 40, "scores.moaas", "5", "escortPresent", "true", "transport", "driven_by_escort");
        assertThat(early.getAttribute("class")).contains("refused");
        assertThat(early.getText()).as("the refusal names its rule and the values it saw")
                .contains("discharge: refused", "OBS-MIN (refusal): Two hours: observed 40 min after dose_start < 2 h");
        browser.screenshot("course-refusal");
        assertThat(browser.unlabelledFields()).as("every field of the course page's forms has a label").isEmpty();
        assertThat(browser.overflowsOnATablet()).as("the course page fits a tablet's width").isFalse();

        assertThat(send("discharge", dose + 130, "scores.moaas", "5", "escortPresent", "true", "transport", "driven_by_escort")
                .getText()).contains("discharge: allowed");
        assertThat(browser.all("figure[data-session='1'] canvas")).as("the session's vitals are drawn").isNotEmpty();
        browser.follow("a[href='/pages/courses/" + COURSE + "/sessions/1/monitoring-form']");
        assertThat(browser.find("#monitoring-form").getText()).as("the REMS form as a printable page")
                .contains("Dose administered", "40 mg", "BP before administration", "126/80 mmHg");
        browser.screenshot("monitoring-form");
        browser.signOut();

        browser.signIn("therapist");
        browser.go("/pages/courses/" + COURSE);
        assertThat(send("integrations", dose + 36 * 60).getText()).contains("integrations: allowed");
        assertThat(send("outcome-measures", dose + 36 * 60 + 10, "instrument", "phq9", "score", "12").getText())
                .contains("outcome-measures: allowed");
        assertThat(browser.all("figure[data-instrument='PHQ-9'] canvas")).as("the outcome scores are drawn").isNotEmpty();
        browser.screenshot("course");
        browser.signOut();
    }

    @Test
    @Order(2)
    void an_auditor_reads_the_course_and_its_timeline_and_sees_no_form_that_writes() {
        browser.signIn("auditor");
        browser.follow("a[href='/?verify=listed']");
        assertThat(browser.find("section[aria-labelledby=courses] table").getText()).as("the auditor's home page verifies the courses it lists")
                .contains(COURSE).containsPattern("intact, \\d+ events");
        browser.screenshot("home-auditor");
        browser.go("/pages/courses/" + COURSE);
        assertThat(browser.text()).contains("Course " + COURSE, "api-test v1");
        assertThat(browser.all("form.act")).as("an auditor is offered no act").isEmpty();
        assertThat(browser.text()).contains("Your role records nothing on a course.");

        browser.follow("a[href='/pages/courses/" + COURSE + "/audit']");
        // the verdict is fetched after the view is shown and replaces its placeholder: read it afresh until it is there
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> browser.find("#verdict").getText().startsWith("Verified intact"));
        assertThat(browser.find("#verdict").getText()).as("the home page's verification left a verified prefix: the verdict names what it recomputed")
                .containsPattern("Events from sequence \\d+ recomputed now; those before, at ").contains("Recompute every event");
        WebElement refused = browser.find("#timeline-table tr.refused");
        assertThat(refused.getText()).as("the refusal highlighted with its finding").contains("OBS-MIN");

        WebElement asOf = browser.find("form.inline");
        browser.set(asOf, "asOf", at(2 * 24 * 60 + 20));
        browser.submit(asOf);
        assertThat(browser.find("#as-of-course").getText()).as("the course in its first session, as of that moment")
                .contains("in_session");
        browser.screenshot("audit");
        assertThat(browser.unlabelledFields()).isEmpty();
        assertThat(browser.overflowsOnATablet()).as("the audit view fits a tablet's width (its tables scroll in place)").isFalse();
        assertThat(browser.all("#access-records")).as("the access records are the admin's").isEmpty();
        browser.follow("a[href='/pages/courses/" + COURSE + "/downloads/timeline']");
        assertThat(browser.text()).as("the printable timeline").contains("Audit timeline of course " + COURSE, "Verified intact");

        browser.go("/pages/courses/new");
        assertThat(browser.text()).as("screening is not the auditor's").contains("This page or act is not open to your role")
                .doesNotContain("Screen a new client");
        browser.go("/");
        browser.signOut();
    }

    @Test
    @Order(3)
    void a_designer_checks_a_broken_protocol_and_sees_the_error_at_its_line() {
        browser.signIn("designer");
        browser.follow("a[href='/pages/protocols/workbench']");
        WebElement source = browser.find("#source");
        assertThat(source.getAttribute("value")).contains("protocol \"api-test\" version 1");
        assertThat(browser.find("#check-state").getText()).isEqualTo("passes");

        // the published text tried on the sample client: a discharge at 60 minutes meets the two-hour observation rule
        WebElement publish = browser.find("#publish-form");
        WebElement after = publish.findElement(By.name("dischargeAfterMinutes"));
        after.clear();
        after.sendKeys("60");
        WebElement dryRun = publish.findElement(By.cssSelector("button[formaction='/pages/protocols/dry-run']"));
        browser.replacingThePage(dryRun::click);
        String run = browser.find("#dry-run").getText();
        assertThat(run).contains("screening allowed", "dose approval allowed", "session start allowed");
        assertThat(run).as("the discharge at 60 minutes refused by the observation rule")
                .containsPattern("discharge refused\\s+OBS-MIN \\(refusal\\): Two hours: observed 1 h after dose_start < 2 h");
        browser.screenshot("workbench-dry-run");
        source = browser.find("#source");

        // a rule that names no known vital sign, on line 3 of a short text
        browser.script("arguments[0].value = arguments[1]", source, "protocol \"broken\" version 1\ntitle \"Broken\"\nstatus draft\n"
                + "indications: depression\n\nsession:\n  rule PREDOSE-X: pre-dose pulse_pressure < 140 mmHg message \"x\" cite \"t\"\n");
        source.sendKeys(Keys.END, " ");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> browser.find("#check-state").getText().equals("fails"));
        WebElement finding = browser.find("#findings li.diagnostic.error[data-line='7']");
        assertThat(finding.getText()).startsWith("line 7, column 28: error: unknown vital sign 'pulse_pressure'");
        browser.screenshot("workbench");
        assertThat(browser.unlabelledFields()).isEmpty();
        assertThat(browser.overflowsOnATablet()).as("the workbench fits a tablet's width").isFalse();
        browser.signOut();
    }
}
