package org.kap.api.pages;

import org.kap.api.audit.CourseHistory;
import org.kap.api.courses.CourseQueries;
import org.kap.api.protocols.JdbcProtocolCatalog;
import org.kap.api.security.CurrentActor;
import org.kap.api.security.PageAccess;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;
import org.kap.core.course.Actor;
import org.kap.core.course.ClinicalTimePolicy;
import org.kap.core.course.CourseState;
import org.kap.core.dosing.Route;
import org.kap.core.observation.Transport;
import org.kap.core.outcome.Instrument;
import org.kap.core.protocol.Indication;
import org.kap.core.protocol.Protocol;
import org.kap.core.session.SettingFeature;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The course page (the course at a glance, its open session's observation clock, its last decisions, its charts and
 * the forms of the acts the reader's role may take) and the new-course (screening) form. Everything on them is read
 * from the same read models as the API: the course from its snapshot and newest events, its last entries as the
 * history reads them.
 */
@Controller
class CoursePages {

    /** How many of the course's last entries the page lists with their findings. */
    static final int RECENT_ENTRIES = 12;

    private final CourseQueries courses;
    private final CourseHistory history;
    private final JdbcProtocolCatalog protocols;
    private final CurrentActor actor;
    private final ClinicalTimePolicy time;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    CoursePages(CourseQueries courses, CourseHistory history, JdbcProtocolCatalog protocols, CurrentActor actor,
                ClinicalTimePolicy time, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.courses = courses;
        this.history = history;
        this.protocols = protocols;
        this.actor = actor;
        this.time = time;
        this.json = json;
    }

    @GetMapping("/pages/courses/new")
    String newCourse(Model model) {
        Actor me = actor.get();
        PageModel.signedIn(model, me);
        model.addAttribute("protocols", protocols.protocols().stream().filter(p -> "active".equals(p.status())).toList());
        model.addAttribute("indications", Choice.of(Indication.values()));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
        return "pages/new-course";
    }

    @GetMapping("/pages/courses/{courseId}")
    String course(@PathVariable String courseId, Model model) throws com.fasterxml.jackson.core.JsonProcessingException {
        Actor me = actor.get();
        PageModel.signedIn(model, me);
        CourseHistory.Entries recent = history.recent(courseId, RECENT_ENTRIES);
        CourseState state = recent.course();
        Optional<Protocol> protocol = courses.protocolOf(state);
        CourseScreen screen = CourseScreen.of(state, protocol, time.clock().instant(), time.clinicZone(), me);
        model.addAttribute("course", courses.view(state));
        model.addAttribute("screen", screen);
        // a data block inside the page: no "<" in it may close the script element
        model.addAttribute("charts", json.writeValueAsString(screen.charts()).replace("<", "\\u003c"));
        List<CourseHistory.Item> newestFirst = new java.util.ArrayList<>(recent.items());
        java.util.Collections.reverse(newestFirst);
        model.addAttribute("entries", newestFirst);
        model.addAttribute("may", mayAct(me));
        model.addAttribute("mayAudit", mayOpen(me, HttpMethod.GET, "/pages/courses/*/audit"));
        model.addAttribute("mayMonitoringForm", mayOpen(me, HttpMethod.GET, "/pages/courses/*/sessions/*/monitoring-form"));
        model.addAttribute("routes", Choice.of(Route.values()));
        model.addAttribute("settings", Choice.of(SettingFeature.values()));
        model.addAttribute("adverseTypes", Choice.of(AdverseEventType.values()));
        model.addAttribute("seriousness", Choice.of(Seriousness.values()));
        model.addAttribute("transports", Choice.of(Transport.values()));
        model.addAttribute("sessionInstruments", Arrays.stream(Instrument.values()).filter(i -> !i.higherIsWorse()
                || i == Instrument.CADSS).map(Choice::of).toList());
        model.addAttribute("outcomeInstruments", Arrays.stream(Instrument.values()).filter(Instrument::higherIsWorse)
                .filter(i -> i != Instrument.CADSS).map(Choice::of).toList());
        return "pages/course";
    }

    /** The acts whose forms the page shows this reader: those the API lets the role send. */
    private static Map<String, Boolean> mayAct(Actor me) {
        Map<String, Boolean> may = new LinkedHashMap<>();
        PageAccess.COURSE_ACTS.forEach(act -> may.put(act, mayOpen(me, HttpMethod.POST, "/pages/courses/*/" + act)));
        return may;
    }

    static boolean mayOpen(Actor me, HttpMethod method, String pagePath) {
        return PageAccess.RULES.stream().anyMatch(r -> r.method() == method && r.path().equals(pagePath)
                && r.roles().contains(me.role()));
    }
}
