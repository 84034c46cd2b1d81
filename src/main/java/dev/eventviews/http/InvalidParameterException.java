package dev.eventviews.http;

/**
 * A query parameter whose value cannot be used, for the checks that a constraint on the parameter alone cannot make
 * (a time in the future, a window whose start is after its end): a 400 naming the parameter, like a bad field.
 */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
