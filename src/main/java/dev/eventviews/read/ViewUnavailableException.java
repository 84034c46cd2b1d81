package dev.eventviews.read;

/** A view cannot answer right now (start-up, rebalance, restoration); the client should retry shortly. */
public class ViewUnavailableException extends RuntimeException {

    public ViewUnavailableException(String message) {
        super(message);
    }

    public ViewUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
