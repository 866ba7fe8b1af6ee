package org.kap.api.pages;

import org.kap.api.audit.AccessRecords;
import org.kap.api.audit.CourseVerification;
import org.kap.api.courses.CourseQueries;
import org.kap.api.obligations.ObligationView;
import org.kap.api.obligations.Obligations;
import org.kap.api.protocols.JdbcProtocolCatalog;
import org.kap.api.security.CurrentActor;
import org.kap.api.security.PageAccess;
import org.kap.core.course.Actor;
import org.kap.core.rule.Role;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The sign-in page and the home page a signed-in user starts from, by role: the open obligations (overdue first) and
 * the recent courses for the care team, the recent courses for auditors, the protocols for designers; an admin sees
 * both lists. Everything shown comes from the read models the API answers from, under the same role rules: a protocol
 * designer, who may not read courses through the API, sees none here either.
 */
@Controller
class HomePage {

    /** Whose home starts from the work list and whose from the protocols; each only where the API lets them read it. */
    private static final Set<Role> WORK_LIST = EnumSet.of(Role.CLINICIAN, Role.PRESCRIBER, Role.THERAPIST, Role.ADMIN);
    private static final Set<Role> PROTOCOL_WORK = EnumSet.of(Role.PROTOCOL_DESIGNER, Role.ADMIN);
    private static final int RECENT = 20;
    private static final int SHOWN_OBLIGATIONS = 50;

    private final CurrentActor actor;
    private final CourseQueries courses;
    private final Obligations obligations;
    private final JdbcProtocolCatalog protocols;
    private final CourseVerification verification;
    private final AccessRecords access;

    HomePage(CurrentActor actor, CourseQueries courses, Obligations obligations, JdbcProtocolCatalog protocols,
             CourseVerification verification, AccessRecords access) {
        this.verification = verification;
        this.access = access;
        this.actor = actor;
        this.courses = courses;
        this.obligations = obligations;
        this.protocols = protocols;
    }

    @GetMapping("/login")
    String signIn() {
        return "pages/sign-in";
    }

    /**
     * The home page; with {@code verify=listed}, for a role that may verify courses (auditor, admin), each listed course's
     * record verified (its hash chain, signatures and signed head), each verification an access record. On request
     * only: verifying reads the events of each course recorded since its verified prefix, or every one.
     */
    @GetMapping("/")
    String home(@org.springframework.web.bind.annotation.RequestParam(required = false) String verify, Model model,
                jakarta.servlet.http.HttpServletRequest request) {
        Actor me = actor.get();
        PageModel.signedIn(model, me);
        model.addAttribute("mayScreen", CoursePages.mayOpen(me, org.springframework.http.HttpMethod.GET, "/pages/courses/new"));
        model.addAttribute("mayWorkbench", CoursePages.mayOpen(me, org.springframework.http.HttpMethod.GET,
                "/pages/protocols/workbench"));
        if (WORK_LIST.contains(me.role()) && PageAccess.apiAllows(me.role(), HttpMethod.GET, "/api/v1/obligations")) {
            // ordered by deadline, so the overdue ones come first; the first of them, with the count of all
            List<ObligationView> first = obligations.firstOpen(SHOWN_OBLIGATIONS);
            model.addAttribute("obligations", first);
            model.addAttribute("openObligations", obligations.openCount());
            // the clients in a dosing session now, newest act first: the chairs to look after
            model.addAttribute("inSession", courses.courses("in_session", 0, SHOWN_OBLIGATIONS));
        }
        if (PageAccess.apiAllows(me.role(), HttpMethod.GET, "/api/v1/courses")) {
            var recent = courses.courses(null, 0, RECENT);
            model.addAttribute("courses", recent);
            boolean mayVerify = PageAccess.apiAllows(me.role(), HttpMethod.GET, "/api/v1/courses/*/verification");
            model.addAttribute("mayVerify", mayVerify);
            if (mayVerify && "listed".equals(verify)) {
                java.util.Map<String, CourseVerification.Verdict> verdicts = new java.util.HashMap<>();
                recent.courses().forEach(c -> verification.verify(c.courseId()).ifPresent(v -> {
                    access.courseRead(me, request, "verification", c.courseId());
                    verdicts.put(c.courseId(), v);
                }));
                model.addAttribute("verdicts", verdicts);
            }
        }
        if (PROTOCOL_WORK.contains(me.role()) && PageAccess.apiAllows(me.role(), HttpMethod.GET, "/api/v1/protocols")) {
            model.addAttribute("protocols", protocols.protocols());
        }
        return "pages/home";
    }
}
