package org.kap.api.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A command's unit of work, from its handler to its commit, is interrupted when it runs longer than {@code timeout},
 * with a warning carrying the thread's stack trace from {@code warningThreshold} on and every {@code warningInterval}
 * after: the limit Axon's {@code UnitOfWorkTimeoutInterceptor} keeps on the command bus, with its settings
 * ({@code axon.timeout.transaction.command-bus.*}, TimeLimits), kept at a lower price.
 *
 * <p>Axon's interceptor captures the calling thread's whole stack trace when each command starts (to cut a later
 * warning's trace short) and schedules a task per command: 4.3% of everything the engine allocated under load, more
 * than any other part of it (docs/benchmarks.md, 2026-12-04). Here a command costs an entry in a set, and one thread
 * looks over the running commands every {@link #sweepPeriod()}; a stack trace is taken only for a command that is
 * late. So the interrupt comes up to one sweep period after the limit: a tenth of a second with Axon's defaults.
 *
 * <p>A command interrupted for its time fails with {@link AxonTimeoutException}, as under Axon's limit, whether its
 * handler let the interruption through or swallowed it, and the thread is handed back without the interruption, so
 * the next request it serves is not cut short. The interrupt and the command's end are decided under the command's
 * lock: a command that ended is never interrupted, and one interrupted never ends unaware of it.
 */
public final class CommandTimeLimit implements MessageHandlerInterceptor<CommandMessage<?>>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandTimeLimit.class);
    private static final String RESOURCE = CommandTimeLimit.class.getName();

    private final Duration timeout;
    private final Duration warningThreshold;
    private final Duration warningInterval;
    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sweeper;

    /**
     * @param timeout          a command running longer is interrupted; positive
     * @param warningThreshold from this age on a running command is warned about; none when negative or not below
     *                         {@code timeout} (Axon's reading of its settings)
     * @param warningInterval  the time between two warnings about one command; positive when warnings are given
     */
    public CommandTimeLimit(Duration timeout, Duration warningThreshold, Duration warningInterval) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a command's time limit must be positive, not " + timeout);
        }
        boolean warns = !warningThreshold.isNegative() && warningThreshold.compareTo(timeout) < 0;
        if (warns && (warningInterval.isNegative() || warningInterval.isZero())) {
            throw new IllegalArgumentException("warnings about a late command need a positive interval, not " + warningInterval);
        }
        this.timeout = timeout;
        this.warningThreshold = warns ? warningThreshold : null;
        this.warningInterval = warningInterval;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kap-command-time-limit");
            thread.setDaemon(true);
            return thread;
        });
        long period = sweepPeriod().toNanos();
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.NANOSECONDS);
    }

    /** A tenth of the limit or of the warnings' spacing, whichever is shorter, between 10 ms and a second. */
    Duration sweepPeriod() {
        Duration finest = timeout;
        if (warningThreshold != null) {
            finest = min(finest, min(warningThreshold, warningInterval));
        }
        Duration tenth = finest.dividedBy(10);
        return tenth.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : min(tenth, Duration.ofSeconds(1));
    }

    /** Commands started and not yet ended (committed or rolled back). */
    int running() {
        return running.size();
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        UnitOfWork<?> root = unitOfWork.root();
        Running command = (Running) root.resources().get(RESOURCE);
        if (command == null) {
            // a command sent from within another's unit of work runs within that one's time
            command = new Running(Thread.currentThread(), System.nanoTime(), unitOfWork.getMessage().getCommandName());
            root.resources().put(RESOURCE, command);
            running.add(command);
            Running started = command;
            root.onCleanup(u -> end(started));
        }
        Object result;
        try {
            result = chain.proceed();
        } catch (Exception e) {
            if (command.interruptedForTime()) {
                AxonTimeoutException timedOut = timedOut(command);
                timedOut.addSuppressed(e);
                throw timedOut;
            }
            throw e;
        }
        if (command.interruptedForTime()) {
            // the handler swallowed the interruption (or finished just as it came): the command still failed its time
            throw timedOut(command);
        }
        return result;
    }

    private AxonTimeoutException timedOut(Running command) {
        return new AxonTimeoutException("command " + command.name + " ran longer than its limit of " + timeout.toMillis()
                + " ms and was interrupted");
    }

    private void end(Running command) {
        running.remove(command);
        synchronized (command) {
            command.ended = true;
            if (command.interrupted) {
                // clears the interruption this limit made, so the thread's next task starts clean
                Thread.interrupted();
            }
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Running command : running) {
            try {
                check(command, now);
            } catch (RuntimeException e) {
                LOG.error("the command time limit could not check command {}", command.name, e);
            }
        }
    }

    private void check(Running command, long now) {
        long age = now - command.startedNanos;
        if (age >= timeout.toNanos()) {
            synchronized (command) {
                if (command.ended || command.interrupted) {
                    return;
                }
                LOG.error("Command {} on thread [{}] has run {} ms, over its limit of {} ms: interrupting it.\n{}",
                        command.name, command.thread.getName(), TimeUnit.NANOSECONDS.toMillis(age), timeout.toMillis(),
                        stackOf(command.thread));
                command.interrupted = true;
                command.thread.interrupt();
            }
        } else if (warningThreshold != null && age >= warningThreshold.toNanos()
                && (!command.warned || now - command.lastWarningNanos >= warningInterval.toNanos())) {
            command.warned = true;
            command.lastWarningNanos = now;
            LOG.warn("Command {} on thread [{}] has run {} ms; it will be interrupted at {} ms.\n{}", command.name,
                    command.thread.getName(), TimeUnit.NANOSECONDS.toMillis(age), timeout.toMillis(), stackOf(command.thread));
        }
    }

    private static String stackOf(Thread thread) {
        StringBuilder trace = new StringBuilder();
        for (StackTraceElement frame : thread.getStackTrace()) {
            trace.append("\tat ").append(frame).append('\n');
        }
        return trace.toString();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    /** One command under way; ended and interrupted are read and written under its lock, the warnings by the sweeper only. */
    private static final class Running {
        final Thread thread;
        final long startedNanos;
        final String name;
        boolean warned;
        long lastWarningNanos;
        boolean ended;
        boolean interrupted;

        Running(Thread thread, long startedNanos, String name) {
            this.thread = thread;
            this.startedNanos = startedNanos;
            this.name = name;
        }

        synchronized boolean interruptedForTime() {
            return interrupted;
        }
    }
}
