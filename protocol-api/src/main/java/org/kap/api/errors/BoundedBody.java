package org.kap.api.errors;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A request whose body is counted and timed as it is read, whatever its headers say: a chunked body has
 * no Content-Length, and one that trickles in a byte at a time would hold a request thread for ever.
 * Past the limit or the deadline the read throws {@link RequestBodyRefused}.
 */
final class BoundedBody extends HttpServletRequestWrapper {

    private final long maxBytes;
    private final Duration readTimeout;
    private ServletInputStream stream;

    BoundedBody(HttpServletRequest request, long maxBytes, Duration readTimeout) {
        super(request);
        this.maxBytes = maxBytes;
        this.readTimeout = readTimeout;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new Counted(super.getInputStream());
        }
        return stream;
    }

    /** True while some of the body has not been read: never asked for, or not read to its end. */
    boolean unfinished() {
        return stream == null || !stream.isFinished();
    }

    @Override
    public BufferedReader getReader() throws IOException {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    private final class Counted extends ServletInputStream {

        private final ServletInputStream body;
        /** Monotonic, so a clock change cannot stretch or cut the deadline. */
        private final long deadlineNanos;
        private long read;

        Counted(ServletInputStream body) {
            this.body = body;
            this.deadlineNanos = System.nanoTime() + readTimeout.toNanos();
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            counted(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // never ask for more than one byte past the limit, so a huge body is never buffered whole
            int n = body.read(buffer, offset, (int) Math.min(length, maxBytes - read + 1));
            counted(n);
            return n;
        }

        private void counted(int n) {
            if (n > 0) {
                read += n;
            }
            if (read > maxBytes) {
                throw RequestBodyRefused.tooLarge(maxBytes);
            }
            if (n >= 0 && System.nanoTime() - deadlineNanos > 0) {
                throw RequestBodyRefused.tooSlow(readTimeout);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
