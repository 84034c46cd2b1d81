package dev.eventviews.checkout;

/** What a reply does to the step it answers. */
record Verdict(Kind kind, String reason) {

    enum Kind {
        /** The reply was applied before (a duplicate): nothing to record. */
        IGNORE,
        /** Recorded; the step waits for more replies. */
        WAIT,
        /** Recorded; the step is done and the next one starts. */
        DONE,
        /** Recorded; the checkout is rejected for {@link #reason}. */
        REJECT
    }

    static final Verdict IGNORE = new Verdict(Kind.IGNORE, null);
    static final Verdict WAIT = new Verdict(Kind.WAIT, null);
    static final Verdict DONE = new Verdict(Kind.DONE, null);

    static Verdict reject(String reason) {
        return new Verdict(Kind.REJECT, reason);
    }
}
