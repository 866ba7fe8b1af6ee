package org.kap.api.pages;

import org.kap.core.course.Actor;
import org.springframework.ui.Model;

import java.util.Locale;

/** What every signed-in page's header shows: who is signed in, in which role. */
final class PageModel {

    private PageModel() {
    }

    static void signedIn(Model model, Actor me) {
        model.addAttribute("me", me);
        model.addAttribute("role", me.role().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
}
