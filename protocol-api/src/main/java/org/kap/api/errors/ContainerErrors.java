package org.kap.api.errors;

import org.apache.catalina.Container;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.kap.api.http.SecurityHeaders;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The servlet container's own answers in the engine's format. A request Tomcat refuses before any
 * servlet sees it (a malformed path, an invalid character) is answered as problem+json instead of
 * Tomcat's HTML page; and an error answer to a request whose body was not read closes the connection
 * rather than wait for the rest of the body, which a slow client could make last for ever.
 */
@Configuration
public class ContainerErrors {

    @Bean
    TomcatServletWebServerFactory tomcat() {
        return new TomcatServletWebServerFactory() {
            @Override
            protected TomcatWebServer getTomcatWebServer(Tomcat tomcat) {
                Container host = tomcat.getHost();
                if (host instanceof StandardHost standard) {
                    standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
                tomcat.getEngine().getPipeline().addValve(new UnreadBodyValve());
                return super.getTomcatWebServer(tomcat);
            }
        };
    }

    /** Tomcat's last-resort error report, as problem+json with no server or library text. */
    public static class ProblemReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String title = known == null ? "Error " + status : known.getReasonPhrase();
            String detail = status == 400 ? "the request could not be read (its path, headers or encoding are malformed)"
                    : status >= 500 ? "the engine could not answer; nothing was recorded" : title;
            try {
                SecurityHeaders.apply(response);
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("{\"type\":\"/problems/" + Problems.typeOf(status) + "\",\"title\":\"" + title
                            + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the answer already started: nothing more to say
            }
        }
    }

    /**
     * A body still unread when the answer is complete is not read on: the connection is closed instead.
     * The engine reads what it accepts, and drains what it did not need within the body deadline
     * ({@link RequestLimitsFilter}); what is left after that comes from a client too slow or too large to
     * wait for, which would otherwise hold the request thread while Tomcat swallowed the rest.
     */
    static class UnreadBodyValve extends ValveBase {

        UnreadBodyValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, jakarta.servlet.ServletException {
            getNext().invoke(request, response);
            AtomicBoolean finished = new AtomicBoolean(true);
            request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, finished);
            if (!finished.get()) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}
