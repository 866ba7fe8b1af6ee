package org.kap.api.pages;

import org.kap.api.overview.CourseOverviews;
import org.kap.api.protocols.JdbcProtocolCatalog;
import org.kap.api.security.CurrentActor;
import org.kap.api.security.PageAccess;
import org.kap.core.adverse.AdverseEventType;
import org.kap.core.adverse.Seriousness;
import org.kap.core.course.Actor;
import org.kap.core.dosing.Route;
import org.kap.core.observation.Transport;
import org.kap.core.outcome.Instrument;
import org.kap.core.protocol.Indication;
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

/**
 * The course page (the course at a glance, its open session's observation clock, its last decisions, its charts and
 * the forms of the acts the reader's role may take) and the new-course (screening) form. What the course page shows is
 * what the API answers the same reader: the course ({@code GET /api/v1/courses/{id}}) and its overview
 * ({@code GET /api/v1/courses/{id}/overview}).
 */
@Controller
class CoursePages {

    private final CourseOverviews overviews;
    private final JdbcProtocolCatalog protocols;
    private final CurrentActor actor;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    CoursePages(CourseOverviews overviews, JdbcProtocolCatalog protocols, CurrentActor actor,
                com.fasterxml.jackson.databind.ObjectMapper json) {
        this.overviews = overviews;
        this.protocols = protocols;
        this.actor = actor;
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
        // the course and its overview as the API answers them (GET .../{id} and .../{id}/overview), read once
        CourseOverviews.Read read = overviews.read(courseId, me);
        model.addAttribute("course", read.course());
        model.addAttribute("screen", read.overview());
        // a data block inside the page: no "<" in it may close the script element
        model.addAttribute("charts", json.writeValueAsString(read.overview().charts()).replace("<", "\\u003c"));
        model.addAttribute("entries", read.overview().recentEntries());
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
