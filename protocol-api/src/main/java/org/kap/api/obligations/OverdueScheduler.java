package org.kap.api.obligations;

import org.kap.api.courses.CourseCommands;
import org.kap.core.course.Actor;
import org.kap.core.course.CourseCommand.MarkObligationOverdue;
import org.kap.core.course.CourseException;
import org.kap.core.rule.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks obligations overdue once their deadline passes. It works from the obligation read model,
 * which lives in the database, so nothing is lost across a restart: the first run after a restart
 * marks everything that fell due meanwhile.
 */
@Component
public class OverdueScheduler {

    private static final Logger log = LoggerFactory.getLogger(OverdueScheduler.class);
    static final Actor SCHEDULER = new Actor("kap-scheduler", "KAP obligation scheduler", Role.ADMIN);

    private final Obligations obligations;
    private final CourseCommands commands;

    OverdueScheduler(Obligations obligations, CourseCommands commands) {
        this.obligations = obligations;
        this.commands = commands;
    }

    /**
     * One check: every obligation past its deadline and not yet marked is marked overdue, at its deadline.
     * With several engines on one database, one runs it at a time (the lock in {@link SchedulerLock}); a run
     * that finds the lock held is skipped, and each course decides once anyway whether to record the mark.
     */
    @Scheduled(fixedDelayString = "${kap.obligations.check-interval:1m}", initialDelayString = "${kap.obligations.first-check:5s}")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(name = "overdue-obligations", lockAtMostFor = "5m")
    public void markOverdue() {
        for (ObligationView o : obligations.newlyOverdue()) {
            try {
                commands.send(new MarkObligationOverdue(o.courseId(), o.obligationId(), SCHEDULER, null));
                log.info("obligation {} of course {} is overdue since {}", o.obligationId(), o.courseId(), o.due());
            } catch (CourseException raced) {
                // fulfilled or marked meanwhile; the read model will catch up
                log.debug("obligation {} of course {} not marked: {}", o.obligationId(), o.courseId(), raced.getMessage());
            }
        }
    }
}
